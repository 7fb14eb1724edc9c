import type { FlowDocument, ScenarioInput } from "@switchboard/flows";
import { beforeEach, expect, it, vi } from "vitest";
import type { ApiClient } from "./client.js";
import { greetingFlow } from "./test/fixtures.js";
import { describeOnEachDatabase, failure } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const call = { localTime: "2026-11-23T10:00", timezone: "Europe/London" };
const hearsHello: ScenarioInput = { name: "caller hears hello", call, expect: { heard: ["Hello"], outcome: "selfServed" } };
const afterHours: ScenarioInput = { name: "after hours", call: { ...call, localTime: "2026-11-23T22:00" }, expect: { outcome: "selfServed" } };
const hearsGoodbye: ScenarioInput = { name: "caller hears goodbye", call, expect: { heard: ["Goodbye"] } };

const names = (document: FlowDocument) => document.scenarios?.map((s) => s.name);
const moved = (document: FlowDocument, x: number) => ({ ...document, nodes: document.nodes.map((n) => (n.id === "hello" ? { ...n, position: { x, y: 100 } } : n)) }) as FlowDocument;

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

  it("lets a tester save a scenario: only the scenarios and their revision change, the draft revision stays", async () => {
    const before = await tester.flows.get.query({ flowId });
    const saved = await tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: before.scenariosRevision, scenarios: [hearsHello] });
    expect(saved.scenariosRevision).toBe(before.scenariosRevision + 1);

    const after = await tester.flows.get.query({ flowId });
    expect(after.draftRevision).toBe(before.draftRevision);
    expect(after.draftSavedBy?.email).toBe("editor@example.com");
    expect(after.scenariosRevision).toBe(saved.scenariosRevision);
    expect(after.scenariosSavedBy?.email).toBe("tester@example.com");
    expect(names(after.draft)).toEqual(["caller hears hello"]);
    expect(after.draft.scenarios?.[0]?.script).toEqual([]);
    const { scenarios: _added, ...rest } = after.draft;
    expect(rest).toEqual(before.draft);

    const admin = await h.sessionFor("admin");
    const audit = await admin.audit.list.query({});
    expect(audit.find((a) => a.action === "flow.scenarios_save")?.details).toEqual({ flow: "welcome", scenariosRevision: saved.scenariosRevision, scenarios: ["caller hears hello"] });
  });

  it("deleting the last scenario leaves the draft as it was before any", async () => {
    const before = await editor.flows.get.query({ flowId });
    const added = await tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: before.scenariosRevision, scenarios: [hearsHello] });
    await tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: added.scenariosRevision, scenarios: [] });
    expect((await editor.flows.get.query({ flowId })).draft).toEqual(before.draft);
  });

  it("refuses invalid scenarios with every problem by path, and saves nothing", async () => {
    const before = await tester.flows.get.query({ flowId });
    const refused = await failure(
      tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: before.scenariosRevision, scenarios: [hearsHello, { name: "", call, script: [{ action: "dance" }] }] }),
    );
    expect(refused.data?.code).toBe("BAD_REQUEST");
    const paths = (refused.data?.diagnostics as { path: string }[]).map((d) => d.path).sort();
    expect(paths).toEqual(["scenarios[1].name", "scenarios[1].script[0].action"]);
    expect(refused.message).toMatch(/^The scenarios have 2 problems: /);
    expect((await tester.flows.get.query({ flowId })).scenariosRevision).toBe(before.scenariosRevision);
  });

  it("refuses two scenarios with the same name, naming it (SB011), and saves nothing", async () => {
    const before = await tester.flows.get.query({ flowId });
    const refused = await failure(
      tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: before.scenariosRevision, scenarios: [hearsHello, afterHours, { ...hearsGoodbye, name: "caller hears hello" }] }),
    );
    expect(refused.data?.code).toBe("BAD_REQUEST");
    expect(refused.message).toBe('The scenarios have 1 problem: scenarios[2].name: scenario name "caller hears hello" is already used by scenarios[0]');
    expect((refused.data?.diagnostics as { code: string }[]).map((d) => d.code)).toEqual(["SB011"]);
    const after = await tester.flows.get.query({ flowId });
    expect(after.scenariosRevision).toBe(before.scenariosRevision);
    expect(after.draft.scenarios).toBeUndefined();
  });

  it("two testers saving on the same scenarios revision: one lands, the other gets CONFLICT naming who saved", async () => {
    const publisher = await h.sessionFor("publisher");
    const seen = await tester.flows.get.query({ flowId });
    await publisher.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: seen.scenariosRevision, scenarios: [afterHours] });
    const refused = await failure(tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: seen.scenariosRevision, scenarios: [hearsHello] }));
    expect(refused.data?.code).toBe("CONFLICT");
    expect(refused.message).toMatch(
      new RegExp(`^Scenarios of "welcome" were changed by Publisher <publisher@example.com> at .+ \\(scenarios revision ${seen.scenariosRevision + 1}\\) after you opened scenarios revision ${seen.scenariosRevision}`),
    );
    expect(names((await tester.flows.get.query({ flowId })).draft)).toEqual(["after hours"]);

    const both = await Promise.allSettled([
      tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: seen.scenariosRevision + 1, scenarios: [afterHours, hearsHello] }),
      publisher.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: seen.scenariosRevision + 1, scenarios: [afterHours, hearsGoodbye] }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await tester.flows.get.query({ flowId })).scenariosRevision).toBe(seen.scenariosRevision + 2);
  });

  it("a tester saving while the editor autosaves from an older load: both saves land, nothing is lost", async () => {
    const editorLoaded = await editor.flows.get.query({ flowId });
    const testerLoaded = await tester.flows.get.query({ flowId });
    const saved = await tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: testerLoaded.scenariosRevision, scenarios: [hearsHello] });

    // The editor's autosave still carries the document it loaded, without the tester's scenario.
    const autosave = await editor.flows.saveDraft.mutate({ flowId, baseRevision: editorLoaded.draftRevision, document: moved(editorLoaded.draft, 300) });
    expect(autosave.draftRevision).toBe(editorLoaded.draftRevision + 1);
    // It tells the editor which scenarios are stored now, so the editor can show the tester's.
    expect(autosave.scenariosRevision).toBe(saved.scenariosRevision);
    expect(autosave.scenarios.map((s) => s.name)).toEqual(["caller hears hello"]);

    const final = await editor.flows.get.query({ flowId });
    expect(final.draft.nodes.find((n) => n.id === "hello")?.position).toEqual({ x: 300, y: 100 });
    expect(names(final.draft)).toEqual(["caller hears hello"]);
  });

  it("a node edit and a scenario save sent at the same moment both land", async () => {
    const seen = await editor.flows.get.query({ flowId });
    for (let round = 0; round < 4; round++) {
      const now = await editor.flows.get.query({ flowId });
      const [nodeEdit, scenarioSave] = await Promise.all([
        editor.flows.saveDraft.mutate({ flowId, baseRevision: now.draftRevision, document: moved(seen.draft, 100 + round) }),
        tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: now.scenariosRevision, scenarios: [{ ...hearsHello, name: `round ${round}` }] }),
      ]);
      expect(nodeEdit.draftRevision).toBe(now.draftRevision + 1);
      expect(scenarioSave.scenariosRevision).toBe(now.scenariosRevision + 1);
      const final = await editor.flows.get.query({ flowId });
      expect(final.draft.nodes.find((n) => n.id === "hello")?.position).toEqual({ x: 100 + round, y: 100 });
      expect(names(final.draft)).toEqual([`round ${round}`]);
    }
  });

  it("an editor's conflict resolution (keep mine: save on top of theirs) never drops the tester's scenarios", async () => {
    const publisher = await h.sessionFor("publisher");
    const mine = await editor.flows.get.query({ flowId });
    await tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: mine.scenariosRevision, scenarios: [hearsHello, afterHours] });
    const theirs = await publisher.flows.saveDraft.mutate({ flowId, baseRevision: mine.draftRevision, document: greetingFlow("welcome", "Hi there") });
    const conflict = await failure(editor.flows.saveDraft.mutate({ flowId, baseRevision: mine.draftRevision, document: moved(mine.draft, 50) }));
    expect(conflict.message).toMatch(/^Draft of "welcome" was saved by Publisher <publisher@example.com>/);

    // "Keep mine": the editor's stale document (no scenarios at all) saved over the publisher's revision.
    await editor.flows.saveDraft.mutate({ flowId, baseRevision: theirs.draftRevision, document: { ...moved(mine.draft, 50), scenarios: [] } as FlowDocument });
    const final = await editor.flows.get.query({ flowId });
    expect(final.draft.nodes.find((n) => n.id === "hello")?.position).toEqual({ x: 50, y: 100 });
    expect(names(final.draft)).toEqual(["caller hears hello", "after hours"]);
  });

  it("an editor changing scenarios in the draft (code view) sends the scenarios revision; a stale one is a CONFLICT naming the tester", async () => {
    const mine = await editor.flows.get.query({ flowId });
    const saved = await editor.flows.saveDraft.mutate({
      flowId,
      baseRevision: mine.draftRevision,
      baseScenariosRevision: mine.scenariosRevision,
      document: { ...mine.draft, scenarios: [afterHours] } as FlowDocument,
    });
    expect(saved.scenariosRevision).toBe(mine.scenariosRevision + 1);
    expect(saved.scenarios.map((s) => s.name)).toEqual(["after hours"]);

    await tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: saved.scenariosRevision, scenarios: [afterHours, hearsHello] });
    const stale = await failure(
      editor.flows.saveDraft.mutate({ flowId, baseRevision: saved.draftRevision, baseScenariosRevision: saved.scenariosRevision, document: { ...mine.draft, scenarios: [] } as FlowDocument }),
    );
    expect(stale.data?.code).toBe("CONFLICT");
    expect(stale.message).toMatch(/^Scenarios of "welcome" were changed by Tester <tester@example.com> at .+ after you opened scenarios revision \d+/);
    const final = await editor.flows.get.query({ flowId });
    expect(final.draftRevision).toBe(saved.draftRevision);
    expect(names(final.draft)).toEqual(["after hours", "caller hears hello"]);

    const twins = await failure(
      editor.flows.saveDraft.mutate({
        flowId,
        baseRevision: final.draftRevision,
        baseScenariosRevision: final.scenariosRevision,
        document: { ...mine.draft, scenarios: [afterHours, afterHours] } as FlowDocument,
      }),
    );
    expect(twins.message).toBe('The scenarios have 1 problem: document.scenarios[1].name: scenario name "after hours" is already used by document.scenarios[0]');
  });

  it("publishing runs the scenarios the tester saved, and the version keeps them", async () => {
    const publisher = await h.sessionFor("publisher");
    const seen = await tester.flows.get.query({ flowId });
    const saved = await tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: seen.scenariosRevision, scenarios: [hearsGoodbye] });
    const refused = await failure(publisher.flows.publish.mutate({ flowId }));
    expect(refused.data?.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/^Scenario "caller hears goodbye" of "welcome" fails: /);

    await tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: saved.scenariosRevision, scenarios: [hearsHello] });
    const published = await publisher.flows.publish.mutate({ flowId });
    const version = await publisher.flows.getVersion.query({ flowId, number: published.version.number });
    expect(names(version.document)).toEqual(["caller hears hello"]);
  });

  it("export carries the scenarios; importing a file without a tester's unpublished scenario is refused unless forced", async () => {
    const seen = await tester.flows.get.query({ flowId });
    const pulled = await editor.flows.export.query({ name: "welcome" });
    await tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: seen.scenariosRevision, scenarios: [hearsHello] });
    expect(names(await editor.flows.export.query({ name: "welcome" }))).toEqual(["caller hears hello"]);

    const refused = await failure(editor.flows.import.mutate({ documents: [moved(pulled, 10)] }));
    expect(refused.data?.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/^Nothing was imported: the draft of "welcome" holds unpublished scenarios saved by Tester <tester@example.com>/);
    expect(names((await editor.flows.get.query({ flowId })).draft)).toEqual(["caller hears hello"]);

    // Pulled again, the file holds the scenario: pushing a node edit keeps it.
    const again = await editor.flows.export.query({ name: "welcome" });
    await editor.flows.import.mutate({ documents: [moved(again, 20)] });
    const final = await editor.flows.get.query({ flowId });
    expect(final.draft.nodes.find((n) => n.id === "hello")?.position).toEqual({ x: 20, y: 100 });
    expect(names(final.draft)).toEqual(["caller hears hello"]);

    const twins = await failure(editor.flows.import.mutate({ documents: [{ ...again, scenarios: [hearsHello, hearsHello] }] }));
    expect(twins.message).toMatch(/documents\[0\]\.scenarios\[1\]\.name: scenario name "caller hears hello" is already used/);

    // Forced, the file wins: its (empty) scenario list replaces the stored one, knowingly.
    await editor.flows.import.mutate({ documents: [moved(pulled, 30)], replaceOthersDrafts: true });
    expect((await editor.flows.get.query({ flowId })).draft.scenarios).toBeUndefined();
  });

  it("refuses an archived flow", async () => {
    const seen = await editor.flows.get.query({ flowId });
    await editor.flows.archive.mutate({ flowId, archived: true });
    const refused = await failure(tester.flows.saveScenarios.mutate({ flowId, baseScenariosRevision: seen.scenariosRevision, scenarios: [hearsHello] }));
    expect(refused.data?.code).toBe("PRECONDITION_FAILED");
  });
});
