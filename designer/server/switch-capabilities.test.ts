import { Prisma, type Environment } from "@switchboard/db";
import type { FlowDocument } from "@switchboard/flows";
import { beforeEach, expect, it, vi } from "vitest";
import type { ApiClient } from "./client.js";
import { greetingFlow } from "./test/fixtures.js";
import { describeOnEachDatabase, type ApiHarness } from "./test/harness.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

/** Greets, then offers the "sales" queue and falls back to voicemail. */
function salesFlow(name: string): FlowDocument {
  const flow = greetingFlow(name);
  return {
    ...flow,
    nodes: [
      ...flow.nodes.filter((node) => node.id !== "bye"),
      { id: "salesQueue", type: "queue", position: { x: 0, y: 200 }, data: { queue: "sales" } },
      { id: "leaveMessage", type: "voicemail", position: { x: 0, y: 300 }, data: { mailbox: "1000" } },
      { id: "bye", type: "hangup", position: { x: 0, y: 400 }, data: { cause: "NORMAL_CLEARING" } },
    ],
    edges: [
      { id: "e1", source: "start", sourceOutlet: "next", target: "hello" },
      { id: "e2", source: "hello", sourceOutlet: "next", target: "salesQueue" },
      { id: "e3", source: "salesQueue", sourceOutlet: "answered", target: "bye" },
      { id: "e4", source: "salesQueue", sourceOutlet: "overflow", target: "leaveMessage" },
      { id: "e5", source: "salesQueue", sourceOutlet: "noAgents", target: "leaveMessage" },
      { id: "e6", source: "salesQueue", sourceOutlet: "callerHungUp", target: "bye" },
    ],
  } as FlowDocument;
}

const SETTINGS = {
  ttsEngine: "flite",
  dialStrings: { extension: "user/{destination}@${domain}", number: "sofia/gateway/default/{destination}", sip: "sofia/external/{destination}" },
  callbackDialString: "loopback/{number}/default",
};

/** A row as `runtime/src/capabilities/capability-store.ts` writes it after a check. */
async function runtimeReports(
  h: ApiHarness,
  report: { environment: Environment; switchHost?: string; runtimeInstance?: string; modules: Record<string, boolean>; queues: string[] | null; problems?: Prisma.InputJsonObject[]; checkedAt: string },
): Promise<void> {
  const switchHost = report.switchHost ?? "10.0.0.5:8021";
  const runtimeInstance = report.runtimeInstance ?? "rt-1:4242";
  const data = {
    environment: report.environment,
    modules: report.modules,
    queues: report.queues ?? Prisma.DbNull,
    settings: SETTINGS,
    problems: report.problems ?? [],
    checkedAt: new Date(report.checkedAt),
  };
  await h.db.prisma.switchCapabilities.upsert({
    where: { runtimeInstance_switchHost: { runtimeInstance, switchHost } },
    create: { runtimeInstance, switchHost, ...data },
    update: data,
  });
}

const VOICEMAIL_PROBLEM = {
  address: "+15550100",
  flowName: "Sales line",
  versionNumber: 1,
  flow: "Sales line",
  nodeId: "leaveMessage",
  nodeType: "voicemail",
  kind: "missingModule",
  module: "mod_voicemail",
  requirement: { kind: "voicemail" },
};

describeOnEachDatabase("switch capabilities", (h) => {
  let admin: ApiClient;
  let tester: ApiClient;

  beforeEach(async () => {
    admin = await h.sessionFor("admin");
    tester = await h.sessionFor("tester");
  });

  it("switches.capabilities: the latest report per switch, with missing modules and the live flows' problems, per environment", async () => {
    expect(await tester.switches.capabilities.query()).toEqual([]);
    await runtimeReports(h, { environment: "production", runtimeInstance: "rt-old:1", modules: { mod_voicemail: true }, queues: [], checkedAt: "2026-12-01T09:00:00Z" });
    await runtimeReports(h, {
      environment: "production",
      runtimeInstance: "rt-new:2",
      modules: { mod_voicemail: false, mod_callcenter: true, mod_flite: true, mod_local_stream: false },
      queues: ["support@default"],
      problems: [VOICEMAIL_PROBLEM],
      checkedAt: "2026-12-03T09:00:00Z",
    });
    await runtimeReports(h, { environment: "staging", switchHost: "10.0.1.5:8021", modules: { mod_callcenter: false }, queues: null, checkedAt: "2026-12-02T09:00:00Z" });

    const all = await tester.switches.capabilities.query();
    expect(all.map((s) => [s.environment, s.switchHost, s.runtimeInstance, s.checkedAt, s.missingModules, s.queues])).toEqual([
      ["production", "10.0.0.5:8021", "rt-new:2", "2026-12-03T09:00:00.000Z", ["mod_local_stream", "mod_voicemail"], ["support@default"]],
      ["staging", "10.0.1.5:8021", "rt-1:4242", "2026-12-02T09:00:00.000Z", ["mod_callcenter"], null],
    ]);
    expect(all[0]?.problems).toEqual([{ address: "+15550100", flowName: "Sales line", versionNumber: 1, flow: "Sales line", nodeId: "leaveMessage", nodeType: "voicemail", kind: "missingModule", module: "mod_voicemail" }]);
    expect((await tester.switches.capabilities.query({ environment: "staging" })).map((s) => s.switchHost)).toEqual(["10.0.1.5:8021"]);
  });

  it("publishing warns (never refuses) about what the known switches lack, with each switch's environment", async () => {
    const flow = await admin.flows.create.mutate({ name: "Sales line" });
    await admin.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: flow.draftRevision, document: salesFlow("Sales line") });

    // No runtime has reported yet: nothing to warn about.
    const first = await admin.flows.publish.mutate({ flowId: flow.id, message: "first" });
    expect(first.switchWarnings).toEqual([]);

    await runtimeReports(h, { environment: "production", modules: { mod_voicemail: false, mod_callcenter: true, mod_flite: true }, queues: ["support@default"], checkedAt: "2026-12-03T09:00:00Z" });
    await runtimeReports(h, { environment: "staging", switchHost: "10.0.1.5:8021", modules: { mod_voicemail: true, mod_callcenter: true, mod_flite: true }, queues: ["sales"], checkedAt: "2026-12-03T09:00:00Z" });
    const again = await admin.flows.publish.mutate({ flowId: flow.id, message: "same draft" });
    expect(again.created).toBe(false);
    expect(again.switchWarnings).toEqual([
      { environment: "production", switchHost: "10.0.0.5:8021", checkedAt: "2026-12-03T09:00:00.000Z", nodeId: "leaveMessage", nodeType: "voicemail", kind: "missingModule", module: "mod_voicemail" },
      { environment: "production", switchHost: "10.0.0.5:8021", checkedAt: "2026-12-03T09:00:00.000Z", nodeId: "salesQueue", nodeType: "queue", kind: "unknownQueue", queue: "sales" },
    ]);

    const greeting = await admin.flows.create.mutate({ name: "Greeting only" });
    await admin.flows.saveDraft.mutate({ flowId: greeting.id, baseRevision: greeting.draftRevision, document: greetingFlow("Greeting only") });
    const spoken = await admin.flows.publish.mutate({ flowId: greeting.id });
    expect(spoken.created).toBe(true);
    expect(spoken.switchWarnings).toEqual([]);
  });
});
