import type { FlowDocument, ScenarioInput } from "@switchboard/flows";
import { beforeEach, expect, it, vi } from "vitest";
import type { ApiClient } from "./client.js";
import { callsGreeting, greetingFlow, greetingSubflow } from "./test/fixtures.js";
import { describeOnEachDatabase, failure } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const hearsTheGreeting: ScenarioInput = { name: "caller hears the greeting", call: { localTime: "2026-11-23T10:00", timezone: "Europe/London" }, expect: { visits: ["hello", "bye"], heard: ["Welcome to Acme"], outcome: "selfServed" } };

describeOnEachDatabase("publishing runs the flow's scenarios", (h) => {
  let editor: ApiClient;
  let publisher: ApiClient;
  beforeEach(async () => {
    editor = await h.sessionFor("editor");
    publisher = await h.sessionFor("publisher");
  });

  async function saveDraft(flowId: string, document: FlowDocument) {
    const current = await editor.flows.get.query({ flowId });
    return editor.flows.saveDraft.mutate({ flowId, baseRevision: current.draftRevision, baseScenariosRevision: current.scenariosRevision, document });
  }

  it("publishes while the scenarios pass, and an edit that breaks one blocks publishing with the difference", async () => {
    const flow = await editor.flows.create.mutate({ name: "welcome" });
    await saveDraft(flow.id, { ...greetingFlow("welcome", "Welcome to Acme."), scenarios: [hearsTheGreeting] } as FlowDocument);
    expect((await editor.flows.get.query({ flowId: flow.id })).draft.scenarios).toHaveLength(1);
    expect((await publisher.flows.publish.mutate({ flowId: flow.id })).version.number).toBe(1);

    const draft = (await editor.flows.get.query({ flowId: flow.id })).draft as FlowDocument;
    await saveDraft(flow.id, { ...draft, nodes: draft.nodes.map((n) => (n.id === "hello" ? { ...n, data: { prompt: { text: { en: "Hi there." } }, bargeIn: false } } : n)) } as FlowDocument);
    const refused = await failure(publisher.flows.publish.mutate({ flowId: flow.id }));
    expect(refused.data?.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toBe(
      'Scenario "caller hears the greeting" of "welcome" fails: expected the caller to hear "Welcome to Acme", but they heard "Hi there.". Fix the flow or update the scenario before publishing',
    );
    expect((await publisher.flows.listVersions.query({ flowId: flow.id })).map((v) => v.number)).toEqual([1]);
  });

  it("runs scenarios against the sub-flow's published version, not its draft", async () => {
    const greeting = await editor.flows.create.mutate({ name: "Greeting" });
    await saveDraft(greeting.id, greetingSubflow("Welcome to Acme."));
    await publisher.flows.publish.mutate({ flowId: greeting.id });
    await saveDraft(greeting.id, greetingSubflow("Draft words nobody hears yet."));

    const main = await editor.flows.create.mutate({ name: "front door" });
    const scenario = { ...hearsTheGreeting, expect: { visits: ["greet", "Greeting/hello", "bye"], heard: ["Welcome to Acme"] } };
    await saveDraft(main.id, { ...callsGreeting("front door"), scenarios: [scenario] } as FlowDocument);
    expect((await publisher.flows.publish.mutate({ flowId: main.id })).created).toBe(true);

    await publisher.flows.publish.mutate({ flowId: greeting.id });
    await saveDraft(main.id, { ...callsGreeting("front door"), description: "v2", scenarios: [scenario] } as FlowDocument);
    const refused = await failure(publisher.flows.publish.mutate({ flowId: main.id }));
    expect(refused.message).toMatch(/^Scenario "caller hears the greeting" of "front door" fails: expected the caller to hear "Welcome to Acme", but they heard "Draft words nobody hears yet."/);
  });
});
