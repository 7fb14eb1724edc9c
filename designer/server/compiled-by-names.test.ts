import type { FlowDocument } from "@switchboard/flows";
import { beforeEach, expect, it, vi } from "vitest";
import type { ApiClient } from "./client.js";
import { callsGreeting, greetingSubflow } from "./test/fixtures.js";
import { describeOnEachDatabase } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

describeOnEachDatabase("flows.compiledByNames", (h) => {
  let editor: ApiClient;
  let publisher: ApiClient;
  let tester: ApiClient;
  beforeEach(async () => {
    editor = await h.sessionFor("editor");
    publisher = await h.sessionFor("publisher");
    tester = await h.sessionFor("tester");
  });

  async function draftOf(name: string, document: FlowDocument): Promise<string> {
    const flow = await editor.flows.create.mutate({ name });
    await editor.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: flow.draftRevision, document });
    return flow.id;
  }

  it("returns the latest published version of each sub-flow, followed transitively, never a draft", async () => {
    const greetingId = await draftOf("Greeting", greetingSubflow("Welcome to Acme."));
    await publisher.flows.publish.mutate({ flowId: greetingId });
    const draft = await editor.flows.get.query({ flowId: greetingId });
    await editor.flows.saveDraft.mutate({ flowId: greetingId, baseRevision: draft.draftRevision, document: greetingSubflow("Draft words nobody hears yet.") });
    const frontDoorId = await draftOf("front door", { ...callsGreeting("front door"), description: "calls Greeting" } as FlowDocument);
    await publisher.flows.publish.mutate({ flowId: frontDoorId });

    const result = await tester.flows.compiledByNames.query({ names: ["front door"] });
    expect(result.unpublished).toEqual([]);
    expect(result.flows.map((f) => f.name)).toEqual(["front door", "Greeting"]);
    expect(JSON.stringify(result.flows[1])).toContain("Welcome to Acme.");
    expect(JSON.stringify(result.flows[1])).not.toContain("Draft words");
  });

  it("names the sub-flows that have no published version", async () => {
    await draftOf("Greeting", greetingSubflow("Welcome to Acme."));
    const result = await tester.flows.compiledByNames.query({ names: ["Greeting", "nobody has this flow"] });
    expect(result).toEqual({ flows: [], unpublished: ["Greeting", "nobody has this flow"] });
  });
});
