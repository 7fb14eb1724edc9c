import { readFileSync } from "node:fs";
import { linkProgram, runScenario, ScenarioSchema, Simulation, type CompiledFlow, type FlowDocument, type ScenarioInput } from "@switchboard/flows";
import { createCallAnalytics, type BatchedCallAnalytics } from "@switchboard/runtime";
import { expect, it, vi } from "vitest";
import type { ApiClient } from "./client.js";
import { describeOnEachDatabase, failure, type ApiHarness } from "./test/harness.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const VIP_CALLER = "+442071234567";
const PLAIN_CALLER = "+447700900123";

const example = (file: string) => JSON.parse(readFileSync(new URL(`../../flows/examples/${file}`, import.meta.url), "utf8")) as FlowDocument;

/** Publishes the VIP route example (v1) and returns its flow id, version id and compiled flow as stored. */
async function publishVipRoute(h: ApiHarness, admin: ApiClient): Promise<{ flowId: string; versionId: string; compiled: CompiledFlow }> {
  const flow = await admin.flows.create.mutate({ name: "VIP route" });
  await admin.flows.saveDraft.mutate({ flowId: flow.id, baseRevision: flow.draftRevision, document: { ...example("vip-route.json"), scenarios: [] } });
  await admin.flows.publish.mutate({ flowId: flow.id, message: "v1" });
  const version = await h.db.prisma.flowVersion.findFirstOrThrow({ where: { flowId: flow.id, number: 1 } });
  return { flowId: flow.id, versionId: version.id, compiled: version.compiled as unknown as CompiledFlow };
}

/**
 * A call written exactly as a runtime writes it (the runtime's batched writer: start, every interpreter step, each
 * visit, the queue wait, the end), with the interpreter and simulated switch playing the call.
 */
function recordCall(writer: BatchedCallAnalytics, flow: CompiledFlow, versionId: string, input: ScenarioInput & { environment?: "staging" | "production" }): void {
  const scenario = ScenarioSchema.parse(input);
  const simulation = Simulation.start(flow, scenario);
  if (!(simulation instanceof Simulation)) throw new Error(simulation.error);
  simulation.runToInput();
  for (const action of scenario.script) {
    simulation.perform(action);
    simulation.runToInput();
  }
  const callId = scenario.call.callId;
  writer.callStarted({ callId, address: "+15550103", environment: input.environment ?? "production", flowName: flow.name, versionId, caller: scenario.call.caller, at: simulation.startedAt });
  let joinedAt: number | null = null;
  let answeredAt: number | null = null;
  for (const { event, effects } of simulation.steps) {
    writer.stepped?.(callId, event, effects);
    if (event?.type === "queueStatus") joinedAt = event.at;
    if (event?.type === "queueAnswered") answeredAt = event.at;
    if (event?.type === "queueExit") writer.queueWaited({ callId, queue: "support@default", joinedAt: joinedAt ?? event.at, answeredAt, leftAt: event.at, agent: answeredAt ? "agent" : null, talkMs: answeredAt ? event.at - answeredAt : null });
    for (const effect of effects) {
      if (effect.kind === "visit") writer.nodeVisited({ callId, flowName: effect.flow, nodeId: effect.nodeId, nodeType: effect.nodeType, at: effect.at, arrivedFrom: effect.arrivedFrom });
      if (effect.kind === "end") writer.callEnded({ callId, outcome: effect.outcome, nodeId: effect.nodeId, at: effect.at, reason: effect.reason, lastExit: effect.lastExit });
    }
  }
}

const monday = (time: string, callId: string) => ({ localTime: `2026-11-23T${time}`, timezone: "Europe/London", callId });
const SEARCH = { environment: "production" as const, from: "2026-11-01T00:00:00Z", to: "2026-12-01T00:00:00Z" };

describeOnEachDatabase("call traces", (h) => {
  async function world() {
    const admin = await h.sessionFor("admin");
    const vip = await publishVipRoute(h, admin);
    const writer = createCallAnalytics(h.db, { flushIntervalMs: 60_000 });
    recordCall(writer, vip.compiled, vip.versionId, { name: "x", call: { ...monday("09:00", "call-vip"), caller: VIP_CALLER }, script: [{ action: "wait", seconds: 60 }], queue: { agentsAvailable: 1, agentAnswersAfterSeconds: 5, talkSeconds: 30 } });
    recordCall(writer, vip.compiled, vip.versionId, { name: "x", call: { ...monday("10:00", "call-blocked"), caller: "+447700900999" } });
    recordCall(writer, vip.compiled, vip.versionId, {
      name: "x",
      call: { ...monday("11:00", "call-plain"), caller: PLAIN_CALLER },
      script: [{ action: "wait", seconds: 90 }],
      queue: { agentsLoggedIn: 3, agentsAvailable: 1, agentAnswersAfterSeconds: 12, talkSeconds: 40 },
    });
    recordCall(writer, vip.compiled, vip.versionId, { name: "x", call: { ...monday("12:00", "call-staging"), caller: PLAIN_CALLER }, environment: "staging" });
    await writer.close();
    return { admin, vip };
  }

  it("searches calls newest first, page by page, by outcome, flow, version and caller; numbers masked below admin", async () => {
    const { admin, vip } = await world();
    const tester = await h.sessionFor("tester");
    const all = await admin.calls.search.query(SEARCH);
    expect(all.calls.map((c) => c.callId)).toEqual(["call-plain", "call-blocked", "call-vip"]);
    expect(all.calls[0]).toMatchObject({ flowName: "VIP route", versionNumber: 1, outcome: "answeredFromQueue", callerNumber: PLAIN_CALLER, queueName: "support@default" });

    const first = await admin.calls.search.query({ ...SEARCH, pageSize: 2 });
    expect(first.calls.map((c) => c.callId)).toEqual(["call-plain", "call-blocked"]);
    const second = await admin.calls.search.query({ ...SEARCH, pageSize: 2, cursor: first.nextCursor! });
    expect(second).toEqual({ calls: [expect.objectContaining({ callId: "call-vip" })], nextCursor: null });

    expect((await admin.calls.search.query({ ...SEARCH, outcome: "rejected" })).calls.map((c) => c.callId)).toEqual(["call-blocked"]);
    expect((await admin.calls.search.query({ ...SEARCH, versionId: vip.versionId, flowName: "VIP route" })).calls).toHaveLength(3);
    expect((await admin.calls.search.query({ ...SEARCH, flowName: "Main menu" })).calls).toHaveLength(0);
    expect((await admin.calls.search.query({ ...SEARCH, callerNumber: "+44 20 7123 4567" })).calls.map((c) => c.callId)).toEqual(["call-vip"]);
    expect((await admin.calls.search.query({ ...SEARCH, environment: "staging" })).calls.map((c) => c.callId)).toEqual(["call-staging"]);

    const masked = await tester.calls.search.query(SEARCH);
    expect(masked.calls.map((c) => c.callerNumber)).toEqual(["+44 7700 •••123", "+44 7700 •••999", "+44 2071 •••567"]);
    expect(JSON.stringify(masked)).not.toContain("900123");
    // A tester who knows a number may look for it; the answer still does not spell it out.
    expect((await tester.calls.search.query({ ...SEARCH, callerNumber: VIP_CALLER })).calls.map((c) => c.callerNumber)).toEqual(["+44 2071 •••567"]);
  });

  it("refuses a search with the period the wrong way round, naming the field", async () => {
    const error = await failure((await h.sessionFor("admin")).calls.search.query({ ...SEARCH, from: SEARCH.to, to: SEARCH.from }));
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/to.*from must be before to/);
  });

  it("gives a call's trace: visits in order with outlet, reason, prompts heard and what came back, the queue and the version", async () => {
    const { admin, vip } = await world();
    const { trace, flowId } = await admin.calls.trace.query({ callId: "call-plain" });
    expect(flowId).toBe(vip.flowId);
    expect(trace).toMatchObject({ versionNumber: 1, outcome: "answeredFromQueue", callerNumber: PLAIN_CALLER, queue: { queue: "support@default", agent: "agent" } });
    expect(trace.visits.map((v) => [v.nodeId, v.outlet])).toEqual([
      ["start", "next"],
      ["who", "default"],
      ["language", "default"],
      ["standard", "answered"],
      ["bye", null],
    ]);
    const standard = trace.visits.find((v) => v.nodeId === "standard");
    expect(standard?.detail?.events?.map((e) => e.type)).toEqual(["queueStatus", "queueAnswered", "queueExit"]);
    expect(trace.visits.at(-1)?.detail?.heard?.[0]).toMatchObject({ text: "Thank you for calling. Goodbye.", language: "en" });

    const tester = await h.sessionFor("tester");
    const seen = await tester.calls.trace.query({ callId: "call-plain" });
    expect(seen.trace.callerNumber).toBe("+44 7700 •••123");
    expect(JSON.stringify(seen)).not.toContain(PLAIN_CALLER);

    const missing = await failure(admin.calls.trace.query({ callId: "nope" }));
    expect(missing.data?.code).toBe("NOT_FOUND");
    expect(missing.message).toMatch(/Call "nope" not found/);
  });

  it("saves a call as a scenario of the draft that passes against the version the call ran on", async () => {
    const { admin, vip } = await world();
    const saved = await admin.calls.saveAsScenario.mutate({ callId: "call-vip", name: "VIP caller from a real call" });
    expect(saved.scenario).toMatchObject({ call: { caller: VIP_CALLER, callId: "call-vip", localTime: "2026-11-23T09:00:00" }, expect: { outcome: "answeredFromQueue" } });
    const flow = await admin.flows.get.query({ flowId: vip.flowId });
    const stored = flow.draft.scenarios ?? [];
    expect(stored.map((s) => s.name)).toEqual(["VIP caller from a real call"]);
    expect(runScenario(linkProgram(vip.compiled), ScenarioSchema.parse(stored[0]))).toMatchObject({ passed: true });

    const again = await failure(admin.calls.saveAsScenario.mutate({ callId: "call-plain", name: "VIP caller from a real call" }));
    expect(again.message).toMatch(/SB011|already|unique/i);
  });

  it("a tester saves a call with a stand-in number, never the caller's; a call routed on the full number is refused, saying why", async () => {
    const { vip } = await world();
    const tester = await h.sessionFor("tester");
    const saved = await tester.calls.saveAsScenario.mutate({ callId: "call-plain", name: "Queue call" });
    expect(saved.scenario.call.caller).toBe("+447700000123");
    expect(JSON.stringify(saved)).not.toContain(PLAIN_CALLER);
    expect(saved.scenario.expect.visits).toEqual(["start", "who", "language", "standard", "bye"]);

    const refused = await failure(tester.calls.saveAsScenario.mutate({ callId: "call-vip", name: "VIP" }));
    expect(refused.data?.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/does not pass against v1: .*stand-in number/);
    expect(refused.message).not.toContain(VIP_CALLER);
    const flow = await h.db.prisma.flow.findUniqueOrThrow({ where: { id: vip.flowId } });
    expect((flow.draftScenarios as Array<{ name: string }>).map((s) => s.name)).toEqual(["Queue call"]);
  });

  it("admins set the retention period; the purge deletes older calls and their visits in batches and leaves the rollups", async () => {
    await world();
    const admin = await h.sessionFor("admin");
    const rollups = async () => (await h.db.sql.query<{ calls: string }>(`SELECT COALESCE(sum(calls), 0)::text AS calls FROM call_rollups_hourly`))[0]?.calls;
    const before = await rollups();
    // The staging call is still waiting in the queue: not ended, not rolled up.
    expect(before).toBe("3");
    expect((await admin.calls.retention.query()).retentionDays).toBe(400);
    await admin.calls.setRetention.mutate({ retentionDays: 30 });
    // 2027-01-01: the Monday 23 November calls are older than 30 days.
    const { purgeExpiredCalls } = await import("./privacy/retention.js");
    expect(await purgeExpiredCalls(h.db.prisma, new Date("2026-12-10T00:00:00Z"), { batchSize: 1 })).toMatchObject({ calls: 0 });
    const purged = await purgeExpiredCalls(h.db.prisma, new Date("2027-01-01T00:00:00Z"), { batchSize: 1 });
    expect(purged).toMatchObject({ calls: 4, cutoff: "2026-12-02T00:00:00.000Z" });
    expect(await h.db.prisma.callRecord.count()).toBe(0);
    expect(await h.db.prisma.nodeVisit.count()).toBe(0);
    expect(await rollups()).toBe(before);
    expect(await admin.calls.retention.query()).toMatchObject({ retentionDays: 30, lastPurgeCalls: 4, lastPurgeAt: "2027-01-01T00:00:00.000Z" });

    const tooShort = await failure(admin.calls.setRetention.mutate({ retentionDays: 7 }));
    expect(tooShort.data?.code).toBe("BAD_REQUEST");
    expect(tooShort.message).toMatch(/retentionDays/);
  });

  it("the API's scheduler runs the purge", async () => {
    await world();
    await h.db.prisma.privacySettings.upsert({ where: { id: 1 }, create: { id: 1, retentionDays: 30 }, update: { retentionDays: 30 } });
    h.clock.offsetMs = Date.parse("2027-06-01T00:00:00Z") - Date.now();
    const { startScheduler } = await import("./scheduling/scheduler.js");
    const lines: string[] = [];
    const scheduler = startScheduler(h.services, { log: (line) => lines.push(line), sweepEveryMs: 3_600_000 });
    try {
      await expect.poll(() => h.db.prisma.callRecord.count()).toBe(0);
      await scheduler.purge();
      expect(lines.some((line) => /\[privacy\] deleted 4 call record/.test(line))).toBe(true);
    } finally {
      await scheduler.stop();
    }
  });

  it("no analytics procedure hands out a caller's number", async () => {
    await world();
    const tester = await h.sessionFor("tester");
    const period = { from: SEARCH.from, to: SEARCH.to };
    const answers = await Promise.all([
      tester.analytics.breakdown.query({ environment: "production", period, by: "address" }),
      tester.analytics.breakdown.query({ environment: "production", period, by: "flow" }),
      tester.analytics.dimensions.query({ environment: "production", period }),
      tester.analytics.nodeDropOff.query({ environment: "production", period, flowName: "VIP route" }),
    ]);
    expect(answers[0].map((row) => row.key)).toEqual(["+15550103"]);
    for (const number of [PLAIN_CALLER, VIP_CALLER, "+447700900999"]) expect(JSON.stringify(answers)).not.toContain(number.slice(1));
  });
});
