import type { FlowDocument, ScenarioInput } from "@switchboard/flows";
import { beforeEach, expect, it, vi } from "vitest";
import type { ApiClient } from "./client.js";
import { greetingFlow } from "./test/fixtures.js";
import { describeOnEachDatabase, failure } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const hearsHello: ScenarioInput = { name: "caller hears hello", call: { localTime: "2026-11-23T10:00", timezone: "Europe/London" }, expect: { heard: ["Hello"], outcome: "selfServed" } };

describeOnEachDatabase("flows.saveScenarios", (h) => {
  let editor: ApiClient;
  let tester: ApiClient;
  let flowId: string;
  beforeEach(async () => {
    editor = await h.sessionFor("editor");
    tester = await h.sessionFor("tester");
    const flow = await editor.flows.create.mutate({ name: "welcome" });
    flowId = flow.id;
    await editor.flows.saveDraft.mutate({ flowId, baseRevision: flow.draftRevision, document: greetingFlow("welcome") });
  });

  it("lets a tester save a scenario: only the scenarios change, the revision moves on and the save is theirs", async () => {
    const before = await tester.flows.get.query({ flowId });
    const saved = await tester.flows.saveScenarios.mutate({ flowId, baseRevision: before.draftRevision, scenarios: [hearsHello] });
    expect(saved.draftRevision).toBe(before.draftRevision + 1);

    const after = await tester.flows.get.query({ flowId });
    expect(after.draftRevision).toBe(before.draftRevision + 1);
    expect(after.draftSavedBy?.email).toBe("tester@example.com");
    expect(after.draft.scenarios?.map((s) => s.name)).toEqual(["caller hears hello"]);
    expect(after.draft.scenarios?.[0]?.script).toEqual([]);
    const { scenarios: _added, ...rest } = after.draft;
    expect(rest).toEqual(before.draft);

    const admin = await h.sessionFor("admin");
    const audit = await admin.audit.list.query({});
    expect(audit.find((a) => a.action === "flow.scenarios_save")?.details).toEqual({ flow: "welcome", revision: saved.draftRevision, scenarios: ["caller hears hello"] });
  });

  it("deleting the last scenario leaves the draft as it was before any", async () => {
    const before = await editor.flows.get.query({ flowId });
    const added = await tester.flows.saveScenarios.mutate({ flowId, baseRevision: before.draftRevision, scenarios: [hearsHello] });
    await tester.flows.saveScenarios.mutate({ flowId, baseRevision: added.draftRevision, scenarios: [] });
    expect((await editor.flows.get.query({ flowId })).draft).toEqual(before.draft);
  });

  it("refuses invalid scenarios with every problem by path, and saves nothing", async () => {
    const before = await tester.flows.get.query({ flowId });
    const refused = await failure(
      tester.flows.saveScenarios.mutate({ flowId, baseRevision: before.draftRevision, scenarios: [hearsHello, { name: "", call: { localTime: "2026-11-23T10:00", timezone: "Europe/London" }, script: [{ action: "dance" }] }] }),
    );
    expect(refused.data?.code).toBe("BAD_REQUEST");
    const paths = (refused.data?.diagnostics as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(["scenarios[1].name", "scenarios[1].script[0].action"]);
    expect(refused.message).toMatch(/^The scenarios have 2 problems: /);
    expect((await tester.flows.get.query({ flowId })).draftRevision).toBe(before.draftRevision);
  });

  it("refuses a stale revision, naming who saved in between", async () => {
    const seen = await tester.flows.get.query({ flowId });
    await editor.flows.saveDraft.mutate({ flowId, baseRevision: seen.draftRevision, document: greetingFlow("welcome", "Hi there") });
    const refused = await failure(tester.flows.saveScenarios.mutate({ flowId, baseRevision: seen.draftRevision, scenarios: [hearsHello] }));
    expect(refused.data?.code).toBe("CONFLICT");
    expect(refused.message).toMatch(new RegExp(`^Draft of "welcome" was saved by Editor <editor@example.com> at .+ \\(revision ${seen.draftRevision + 1}\\) after you opened revision ${seen.draftRevision}`));
    expect((await tester.flows.get.query({ flowId })).draft.scenarios).toBeUndefined();
  });

  it("never loses an editor's node edit saved at the same time: one save lands, the other conflicts", async () => {
    const seen = await editor.flows.get.query({ flowId });
    const edited = { ...seen.draft, nodes: seen.draft.nodes.map((n) => (n.id === "hello" ? { ...n, position: { x: 300, y: 100 } } : n)) } as FlowDocument;
    const results = await Promise.allSettled([
      editor.flows.saveDraft.mutate({ flowId, baseRevision: seen.draftRevision, document: edited }),
      tester.flows.saveScenarios.mutate({ flowId, baseRevision: seen.draftRevision, scenarios: [hearsHello] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [nodeEdit, scenarioSave] = results;

    // Whoever lost retries on the latest revision, as the designer does after a conflict.
    const latest = await editor.flows.get.query({ flowId });
    if (nodeEdit.status === "rejected") await editor.flows.saveDraft.mutate({ flowId, baseRevision: latest.draftRevision, document: { ...edited, scenarios: latest.draft.scenarios } as FlowDocument });
    if (scenarioSave.status === "rejected") await tester.flows.saveScenarios.mutate({ flowId, baseRevision: latest.draftRevision, scenarios: [hearsHello] });

    const final = await editor.flows.get.query({ flowId });
    expect(final.draftRevision).toBe(seen.draftRevision + 2);
    expect(final.draft.nodes.find((n) => n.id === "hello")?.position).toEqual({ x: 300, y: 100 });
    expect(final.draft.scenarios?.map((s) => s.name)).toEqual(["caller hears hello"]);
  });

  it("keeps a node edit saved after the scenarios: the editor continues from the scenario save's revision", async () => {
    const seen = await editor.flows.get.query({ flowId });
    const saved = await tester.flows.saveScenarios.mutate({ flowId, baseRevision: seen.draftRevision, scenarios: [hearsHello] });
    const stale = await failure(editor.flows.saveDraft.mutate({ flowId, baseRevision: seen.draftRevision, document: greetingFlow("welcome", "Hi") }));
    expect(stale.message).toMatch(/^Draft of "welcome" was saved by Tester <tester@example.com>/);
    await editor.flows.saveDraft.mutate({ flowId, baseRevision: saved.draftRevision, document: { ...greetingFlow("welcome", "Hi"), scenarios: saved.scenarios } as FlowDocument });
    const final = await editor.flows.get.query({ flowId });
    expect(final.draft.scenarios?.map((s) => s.name)).toEqual(["caller hears hello"]);
    expect(final.draft.nodes.find((n) => n.id === "hello")?.data).toMatchObject({ prompt: { text: { en: "Hi" } } });
  });

  it("refuses an archived flow", async () => {
    const seen = await editor.flows.get.query({ flowId });
    await editor.flows.archive.mutate({ flowId, archived: true });
    const refused = await failure(tester.flows.saveScenarios.mutate({ flowId, baseRevision: seen.draftRevision, scenarios: [hearsHello] }));
    expect(refused.data?.code).toBe("PRECONDITION_FAILED");
  });
});
