import { createCallAnalytics, type BatchedCallAnalytics } from "@switchboard/runtime";
import { beforeEach, expect, it, vi } from "vitest";
import { quantileFromBuckets } from "./routers/analytics/kpis.js";
import { describeOnEachDatabase, failure, type ApiHarness } from "./test/harness.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const V1 = "11111111-2222-4333-8444-555555555555";
const V2 = "11111111-2222-4333-8444-666666666666";
const PERIOD = { from: "2026-12-01T00:00:00Z", to: "2026-12-08T00:00:00Z" };
const BEFORE = { from: "2026-11-24T00:00:00Z", to: "2026-12-01T00:00:00Z" };

interface GeneratedCall {
  at: string;
  caller: string;
  outcome: "selfServed" | "callerHungUp" | "unresolvedInIvr" | "answeredFromQueue" | "abandonedInQueue" | "callbackScheduled";
  flowName?: string;
  address?: string;
  versionId?: string;
  environment?: "staging" | "production";
  /** Seconds in the queue and, when answered, talking. */
  waitSeconds?: number;
  talkSeconds?: number;
  /** The callback this call booked ended so. */
  callback?: "completed" | "failed";
  /** The branch the call took at split node `ab` before the menu (an A/B test). */
  branch?: string;
}

/** Where each outcome's calls went: menu → (1) goodbye, (2) queue, hung up at the menu, or invalid → sorry. */
function pathOf(outcome: GeneratedCall["outcome"]): Array<[string, string, string?]> {
  switch (outcome) {
    case "selfServed":
      return [["menu", "menu", "1"], ["bye", "hangup"]];
    case "callerHungUp":
      return [["menu", "menu"]];
    case "unresolvedInIvr":
      return [["menu", "menu", "invalid"], ["sorry", "hangup"]];
    case "answeredFromQueue":
      return [["menu", "menu", "2"], ["q", "queue", "answered"], ["bye", "hangup"]];
    case "abandonedInQueue":
      return [["menu", "menu", "2"], ["q", "queue"]];
    case "callbackScheduled":
      return [["menu", "menu", "2"], ["q", "queue", "callbackRequested"], ["cb", "callback", "scheduled"], ["bye", "hangup"]];
  }
}

/** Places the calls' analytics through the runtime's own writer (what a runtime writes as calls end). */
async function placeCalls(h: ApiHarness, calls: GeneratedCall[], idPrefix = "gen"): Promise<void> {
  const writer: BatchedCallAnalytics = createCallAnalytics(h.db, { flushSize: 7, flushIntervalMs: 60_000 });
  const outcomes: Array<[string, "completed" | "failed"]> = [];
  for (const [index, call] of calls.entries()) {
    const callId = `${idPrefix}-${index}`;
    const at = Date.parse(call.at);
    writer.callStarted({ callId, address: call.address ?? "+15550100", environment: call.environment ?? "production", flowName: call.flowName ?? "support", versionId: call.versionId ?? V1, caller: call.caller, at });
    const path: Array<[string, string, string?]> = [...(call.branch ? [["ab", "split", call.branch] as [string, string, string]] : []), ...pathOf(call.outcome)];
    path.forEach(([nodeId, nodeType], step) => {
      const previous = path[step - 1];
      writer.nodeVisited({ callId, flowName: call.flowName ?? "support", nodeId, nodeType, at: at + step * 1000, arrivedFrom: previous ? { nodeId: previous[0], outlet: previous[2] ?? "next", reason: "generated" } : null });
    });
    if (call.waitSeconds !== undefined) {
      const joinedAt = at + 5000;
      const answered = call.outcome === "answeredFromQueue";
      const leftAt = joinedAt + call.waitSeconds * 1000;
      writer.queueWaited({ callId, queue: "support@default", joinedAt, answeredAt: answered ? leftAt : null, leftAt, agent: answered ? "alice" : null, talkMs: answered ? (call.talkSeconds ?? 0) * 1000 : null });
    }
    if (call.callback) {
      // Booked during the call (pending), placed or given up on by the dialer after it ended.
      await h.db.prisma.callback.create({
        data: { number: call.caller, queue: "support@default", switchGroup: "default", originalWaitSeconds: call.waitSeconds ?? 0, nextAttemptAt: new Date(at), requestedAt: new Date(at + 60_000), callId },
      });
      outcomes.push([callId, call.callback]);
    }
    writer.callEnded({ callId, outcome: call.outcome, nodeId: path.at(-1)?.[0] ?? null, at: at + 5000 + (call.waitSeconds ?? 0) * 1000 + (call.talkSeconds ?? 0) * 1000 + 2000, reason: "generated" });
  }
  await writer.close();
  for (const [callId, status] of outcomes) await h.db.prisma.callback.updateMany({ where: { callId }, data: { status } });
}

/**
 * 14 calls of flow "support" (v1, +15550100) in the week of 1 Dec, 2 the week before, and others that filters leave
 * out (flow "sales" on another number; staging). Expected figures below are worked out by hand from this list.
 */
const CALLS: GeneratedCall[] = [
  // Caller A: served at 09:00, then back at 10:00 the same day and answered by an agent (a repeat within 24 h).
  { at: "2026-12-01T09:00:00Z", caller: "+4930100", outcome: "selfServed" },
  { at: "2026-12-01T10:00:00Z", caller: "+4930100", outcome: "answeredFromQueue", waitSeconds: 10, talkSeconds: 60 },
  // Caller E: once on 1 Dec 17:00 UTC (2 Dec in Shanghai), again four days later (a repeat within 7 days only).
  { at: "2026-12-01T17:00:00Z", caller: "+4930500", outcome: "selfServed" },
  { at: "2026-12-05T17:00:00Z", caller: "+4930500", outcome: "selfServed" },
  { at: "2026-12-02T09:00:00Z", caller: "+4930200", outcome: "selfServed" },
  { at: "2026-12-02T09:30:00Z", caller: "+4930201", outcome: "callerHungUp" },
  { at: "2026-12-02T09:40:00Z", caller: "anonymous", outcome: "callerHungUp" },
  { at: "2026-12-02T09:50:00Z", caller: "anonymous", outcome: "unresolvedInIvr" },
  { at: "2026-12-03T09:00:00Z", caller: "+4930300", outcome: "answeredFromQueue", waitSeconds: 25, talkSeconds: 120 },
  { at: "2026-12-03T09:10:00Z", caller: "+4930301", outcome: "answeredFromQueue", waitSeconds: 100, talkSeconds: 180 },
  { at: "2026-12-03T09:20:00Z", caller: "+4930302", outcome: "abandonedInQueue", waitSeconds: 30 },
  { at: "2026-12-03T09:30:00Z", caller: "+4930303", outcome: "abandonedInQueue", waitSeconds: 50 },
  { at: "2026-12-04T09:00:00Z", caller: "+4930400", outcome: "callbackScheduled", waitSeconds: 40, callback: "completed" },
  { at: "2026-12-04T09:10:00Z", caller: "+4930401", outcome: "callbackScheduled", waitSeconds: 40, callback: "failed" },
  // The week before: two self-served calls.
  { at: "2026-11-25T09:00:00Z", caller: "+4930900", outcome: "selfServed" },
  { at: "2026-11-26T09:00:00Z", caller: "+4930901", outcome: "selfServed" },
  // Not "support" in production: left out by the filters.
  { at: "2026-12-02T11:00:00Z", caller: "+4930700", outcome: "callerHungUp", flowName: "sales", address: "+15550101" },
  { at: "2026-12-02T11:00:00Z", caller: "+4930701", outcome: "answeredFromQueue", environment: "staging", waitSeconds: 1, talkSeconds: 1 },
  // Version 2 of support, after the week.
  { at: "2026-12-09T09:00:00Z", caller: "+4930800", outcome: "selfServed", versionId: V2 },
];

describeOnEachDatabase("analytics KPIs", (h) => {
  beforeEach(() => placeCalls(h, CALLS));

  it("computes every KPI of a flow over a period, with the comparison period, as worked out by hand", async () => {
    const api = await h.sessionFor("tester");
    const { current, previous } = await api.analytics.kpis.query({ environment: "production", flowName: "support", period: PERIOD, compareWith: BEFORE, serviceLevelSeconds: 20 });
    expect(current).toMatchObject({
      calls: 14,
      outcomes: { selfServed: 4, callerHungUp: 2, unresolvedInIvr: 1, answeredFromQueue: 3, abandonedInQueue: 2, callbackScheduled: 2 },
      queued: 7,
      answered: 3,
      serviceLevelSeconds: 20,
      callbacks: { requested: 2, completed: 1, failed: 1, open: 0 },
    });
    expect(current.containment).toBeCloseTo(4 / 14, 10);
    expect(current.ivrAbandonment).toBeCloseTo(2 / 14, 10);
    expect(current.queueAbandonment).toBeCloseTo(2 / 7, 10);
    expect(current.averageSpeedOfAnswerSeconds).toBeCloseTo((10 + 25 + 100) / 3, 10);
    // Waits 10, 25, 100 s: rank 2.7 falls in the 90–120 s bucket, 70 % into it.
    expect(current.p90SpeedOfAnswerSeconds).toBeCloseTo(111, 10);
    expect(current.serviceLevel).toBeCloseTo(1 / 3, 10);
    expect(current.averageHandleTimeSeconds).toBeCloseTo(120, 10);
    expect(current.callbackSuccessRate).toBe(0.5);
    expect(current.repeatCallers24h).toBeCloseTo(1 / 14, 10);
    expect(current.repeatCallers7d).toBeCloseTo(2 / 14, 10);
    expect(previous).toMatchObject({ calls: 2, containment: 1, answered: 0, averageSpeedOfAnswerSeconds: null, serviceLevel: null, callbackSuccessRate: null });

    const at30 = await api.analytics.kpis.query({ environment: "production", flowName: "support", period: PERIOD, serviceLevelSeconds: 30 });
    expect(at30.current.serviceLevel).toBeCloseTo(2 / 3, 10);
    expect(at30.previous).toBeNull();
  });

  it("counts a callback's outcome once, when the dialer records it after the call ended", async () => {
    const api = await h.sessionFor("tester");
    const callbacks = async () => (await api.analytics.kpis.query({ environment: "production", flowName: "support", period: PERIOD })).current.callbacks;
    expect(await callbacks()).toEqual({ requested: 2, completed: 1, failed: 1, open: 0 });
    // The same status written again (a retried update) changes nothing; a new attempt's outcome would.
    await h.db.prisma.callback.updateMany({ where: { status: "completed" }, data: { status: "completed", attempts: 2 } });
    expect(await callbacks()).toEqual({ requested: 2, completed: 1, failed: 1, open: 0 });
  });

  it("filters by number, queue and version; all calls of the environment without filters", async () => {
    const api = await h.sessionFor("editor");
    const kpis = (filter: Record<string, string>) => api.analytics.kpis.query({ environment: "production", period: PERIOD, ...filter }).then((r) => r.current.calls);
    expect(await kpis({})).toBe(15);
    expect(await kpis({ address: "+15550101" })).toBe(1);
    expect(await kpis({ queue: "support@default" })).toBe(7);
    expect(await kpis({ versionId: V2 })).toBe(0);
    expect((await api.analytics.kpis.query({ environment: "staging", period: PERIOD })).current.calls).toBe(1);
  });

  it("breaks the figures down per flow and per version", async () => {
    const api = await h.sessionFor("publisher");
    const byFlow = await api.analytics.breakdown.query({ environment: "production", period: { from: PERIOD.from, to: "2026-12-10T00:00:00Z" }, by: "flow" });
    expect(byFlow.map((row) => [row.key, row.calls])).toEqual([["support", 15], ["sales", 1]]);
    const byVersion = await api.analytics.breakdown.query({ environment: "production", flowName: "support", period: { from: PERIOD.from, to: "2026-12-10T00:00:00Z" }, by: "version" });
    expect(byVersion.map((row) => [row.key, row.calls, row.containment])).toEqual([[V1, 14, 4 / 14], [V2, 1, 1]]);
  });

  it("charts calls per day in the viewer's time zone, and per hour", async () => {
    const api = await h.sessionFor("tester");
    const shanghai = await api.analytics.series.query({ environment: "production", flowName: "support", period: { from: "2026-12-01T00:00:00Z", to: "2026-12-02T00:00:00Z" }, bucket: "day", timeZone: "Asia/Shanghai" });
    // 09:00 and 10:00 UTC are 1 Dec in Shanghai; 17:00 UTC is already 2 Dec there (midnight = 16:00 UTC).
    expect(shanghai.map((p) => [p.start, p.calls])).toEqual([["2026-11-30T16:00:00.000Z", 2], ["2026-12-01T16:00:00.000Z", 1]]);
    const hourly = await api.analytics.series.query({ environment: "production", flowName: "support", period: { from: "2026-12-03T00:00:00Z", to: "2026-12-04T00:00:00Z" }, bucket: "hour" });
    expect(hourly).toEqual([{ start: "2026-12-03T09:00:00.000Z", calls: 4, selfServed: 0, answered: 2, abandonedInIvr: 0, abandonedInQueue: 2 }]);
  });

  it("drop-off per node of a flow: entered, per outlet, ended and hung up there; versions with calls", async () => {
    const api = await h.sessionFor("tester");
    const { nodes, versions } = await api.analytics.nodeDropOff.query({ environment: "production", flowName: "support", versionId: V1, period: PERIOD });
    const menu = nodes.find((node) => node.nodeId === "menu");
    expect(menu).toEqual({ nodeId: "menu", nodeType: "menu", entered: 14, outlets: { "1": 4, "2": 7, invalid: 1 }, endedHere: 2, hungUpHere: 2 });
    expect(nodes.find((node) => node.nodeId === "q")).toEqual({ nodeId: "q", nodeType: "queue", entered: 7, outlets: { answered: 3, callbackRequested: 2 }, endedHere: 2, hungUpHere: 2 });
    expect(versions).toEqual([{ versionId: V1, number: null, calls: 14 }]);
  });

  it("per branch of a split node: the same figures for the calls that took each branch, per version or all", async () => {
    const abTest = (at: string, branch: string, outcome: GeneratedCall["outcome"], extra: Partial<GeneratedCall> = {}): GeneratedCall => ({ at, caller: `+49301${at.slice(8, 10)}${at.slice(11, 13)}${at.slice(14, 16)}`, outcome, flowName: "abtest", address: "+15550109", branch, ...extra });
    await placeCalls(h, [
      abTest("2026-12-02T09:00:00Z", "a", "selfServed"),
      abTest("2026-12-02T09:01:00Z", "a", "selfServed"),
      abTest("2026-12-02T09:02:00Z", "a", "selfServed"),
      abTest("2026-12-02T09:03:00Z", "a", "callerHungUp"),
      abTest("2026-12-02T09:04:00Z", "b", "selfServed"),
      abTest("2026-12-02T09:05:00Z", "b", "answeredFromQueue", { waitSeconds: 10, talkSeconds: 60 }),
      abTest("2026-12-02T09:06:00Z", "b", "abandonedInQueue", { waitSeconds: 30 }),
      abTest("2026-12-02T09:07:00Z", "b", "selfServed", { versionId: V2 }),
    ], "ab");
    const api = await h.sessionFor("tester");
    const v1 = await api.analytics.splitBranches.query({ environment: "production", flowName: "abtest", versionId: V1, nodeId: "ab", period: PERIOD });
    expect(v1.map((b) => [b.branch, b.calls, b.containment, b.ivrAbandonment, b.queueAbandonment, b.averageSpeedOfAnswerSeconds, b.averageHandleTimeSeconds])).toEqual([
      ["a", 4, 3 / 4, 1 / 4, null, null, null],
      ["b", 3, 1 / 3, 0, 1 / 2, 10, 60],
    ]);
    const all = await api.analytics.splitBranches.query({ environment: "production", flowName: "abtest", nodeId: "ab", period: PERIOD });
    expect(all.map((b) => [b.branch, b.calls])).toEqual([["a", 4], ["b", 4]]);
    // A node that is not a split (or not in the flow) has no branches.
    expect(await api.analytics.splitBranches.query({ environment: "production", flowName: "abtest", nodeId: "menu", period: PERIOD })).toEqual([]);
  });

  it("lists the flows, numbers and queues with calls in a period", async () => {
    const api = await h.sessionFor("tester");
    expect(await api.analytics.dimensions.query({ environment: "production", period: PERIOD })).toEqual({ flows: ["sales", "support"], addresses: ["+15550100", "+15550101"], queues: ["support@default"] });
  });

  it("refuses a service level that is not a bucket bound, and a period that ends before it starts, naming the field", async () => {
    const api = await h.sessionFor("tester");
    const level = await failure(api.analytics.kpis.query({ environment: "production", period: PERIOD, serviceLevelSeconds: 22 }));
    expect(level.data?.code).toBe("BAD_REQUEST");
    expect(level.message).toMatch(/serviceLevelSeconds.*measured at 5, 10, 15, 20/);
    const backwards = await failure(api.analytics.kpis.query({ environment: "production", period: { from: PERIOD.to, to: PERIOD.from } }));
    expect(backwards.message).toMatch(/period\.to.*from must be before to/);
    const zone = await failure(api.analytics.series.query({ environment: "production", period: PERIOD, bucket: "day", timeZone: "Mars/Olympus" }));
    expect(zone.message).toMatch(/timeZone.*IANA time zone/);
  });
});

it("p90 from buckets: the open last bucket answers its lower bound; no calls, no figure", () => {
  expect(quantileFromBuckets([0, 0, 0], 0.9)).toBeNull();
  const longWaits = new Array<number>(24).fill(0);
  longWaits[23] = 5;
  expect(quantileFromBuckets(longWaits, 0.9)).toBe(3600);
});
