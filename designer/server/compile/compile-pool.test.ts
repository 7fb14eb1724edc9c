import { afterAll, describe, expect, it } from "vitest";
import { compileFlow, parseFlowDocument } from "@switchboard/flows";
import { greetingFlow, brokenFlow } from "../test/fixtures.js";
import { parseIncomingDocument } from "../routers/flows/load.js";
import { closeCompilePool, parseAndCompileOffLoop, parseIncomingOffLoop } from "./compile-pool.js";

afterAll(() => closeCompilePool());

describe("compiling off the event loop", () => {
  it("gives the same document, diagnostics and hash as compiling inline", async () => {
    for (const document of [greetingFlow("welcome"), brokenFlow("broken")]) {
      const parsed = parseFlowDocument(document);
      if (!parsed.ok) throw new Error("fixture does not parse");
      const inline = compileFlow(parsed.document);
      const offLoop = await parseAndCompileOffLoop(document);
      expect(offLoop).toEqual({ parsed: true, document: parsed.document, result: inline });
    }
  });

  it("reports a document that does not parse with the parser's diagnostics", async () => {
    const bad = { schemaVersion: 1, name: "x", nodes: "no" };
    const parsed = parseFlowDocument(bad);
    expect(await parseAndCompileOffLoop(bad)).toEqual({ parsed: false, diagnostics: parsed.ok ? [] : parsed.diagnostics });
  });

  it("parses a draft being saved to the same stored JSON, and refuses a bad one with the same error", async () => {
    const scenario = { name: "hello", call: { localTime: "2026-12-03T10:00", timezone: "Europe/London" } };
    const document = { ...greetingFlow("welcome"), scenarios: [scenario] };
    const { scenarios, ...nodesPart } = parseIncomingDocument(document);
    expect(await parseIncomingOffLoop(document, "document.")).toEqual({
      name: "welcome",
      description: document.description,
      nodesJson: JSON.stringify(nodesPart),
      scenarios,
    });
    expect(scenarios).toHaveLength(1);
    const bad = { ...document, nodes: [{ id: "x", type: "nope" }] };
    let inline: unknown;
    try {
      parseIncomingDocument(bad, "document.");
    } catch (error) {
      inline = error;
    }
    await expect(parseIncomingOffLoop(bad, "document.")).rejects.toMatchObject({ code: "BAD_REQUEST", message: (inline as Error).message });
    expect((inline as Error).message).toMatch(/^The flow document has \d+ problem/);
  });
});
