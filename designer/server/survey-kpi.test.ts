import { createCallAnalytics } from "@switchboard/runtime";
import { expect, it, vi } from "vitest";
import { describeOnEachDatabase, type ApiHarness } from "./test/harness.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const V1 = "11111111-2222-4333-8444-555555555555";
const PERIOD = { from: "2026-12-01T00:00:00Z", to: "2026-12-08T00:00:00Z" };

/** Calls of flow "support" through the runtime's own writer: each rated (first, second question) or not at all. */
async function placeRatedCalls(h: ApiHarness, ratings: Array<[number | null, number | null]>, flowName = "support"): Promise<void> {
  const writer = createCallAnalytics(h.db, { flushSize: 5, flushIntervalMs: 60_000 });
  ratings.forEach(([first, second], index) => {
    const callId = `${flowName}-${index}`;
    const at = Date.parse("2026-12-02T10:00:00Z") + index * 60_000;
    writer.callStarted({ callId, address: "+15550100", environment: "production", flowName, versionId: V1, caller: `+4477009000${index}`, at });
    writer.nodeVisited({ callId, flowName, nodeId: "survey", nodeType: "survey", at: at + 1000, arrivedFrom: null });
    if (first !== null) writer.surveyAnswered({ callId, nodeId: "survey", question: 1, score: first, at: at + 5000 });
    if (second !== null) writer.surveyAnswered({ callId, nodeId: "survey", question: 2, score: second, at: at + 9000 });
    writer.callEnded({ callId, outcome: "selfServed", nodeId: "survey", at: at + 12_000, reason: "rated", lastExit: { nodeId: "survey", outlet: first === null ? "noAnswer" : "done", reason: "test" } });
  });
  await writer.close();
}

describeOnEachDatabase("satisfaction KPI", (h) => {
  it("averages the ratings of the period's calls, counts them and shows how many gave each score; unrated calls do not count", async () => {
    await placeRatedCalls(h, [[5, 4], [4, null], [2, 1], [null, null], [5, 5]]);
    await placeRatedCalls(h, [[1, null]], "sales");
    const api = await h.sessionFor("editor");
    const { current } = await api.analytics.kpis.query({ environment: "production", flowName: "support", period: PERIOD, serviceLevelSeconds: 20 });
    expect(current.calls).toBe(5);
    expect(current.satisfaction).toEqual({ responses: 4, average: 4, distribution: [0, 1, 0, 1, 2], secondResponses: 3, secondAverage: 10 / 3 });

    const all = await api.analytics.kpis.query({ environment: "production", period: PERIOD, serviceLevelSeconds: 20 });
    expect(all.current.satisfaction).toMatchObject({ responses: 5, average: 17 / 5, distribution: [1, 1, 0, 1, 2] });
    const byFlow = await api.analytics.breakdown.query({ environment: "production", period: PERIOD, by: "flow", serviceLevelSeconds: 20 });
    expect(byFlow.map((row) => [row.key, row.satisfaction.responses, row.satisfaction.average])).toEqual([
      ["support", 4, 4],
      ["sales", 1, 1],
    ]);
    const record = await h.db.prisma.callRecord.findFirstOrThrow({ where: { callId: "support-0" } });
    expect(record).toMatchObject({ surveyScore: 5, surveySecondScore: 4 });
  });

  it("has no average (not 0) when nobody rated", async () => {
    await placeRatedCalls(h, [[null, null]]);
    const api = await h.sessionFor("tester");
    const { current } = await api.analytics.kpis.query({ environment: "production", period: PERIOD, serviceLevelSeconds: 20 });
    expect(current.satisfaction).toEqual({ responses: 0, average: null, distribution: [0, 0, 0, 0, 0], secondResponses: 0, secondAverage: null });
  });
});
