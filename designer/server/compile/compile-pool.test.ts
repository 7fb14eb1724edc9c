import { afterAll, describe, expect, it } from "vitest";
import { compileFlow, parseFlowDocument } from "@switchboard/flows";
import { greetingFlow, brokenFlow } from "../test/fixtures.js";
import { closeCompilePool, parseAndCompileOffLoop } from "./compile-pool.js";

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
});
