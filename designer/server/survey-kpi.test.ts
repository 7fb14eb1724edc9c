import { recordLateSurveyAnswer } from "@switchboard/db";
import { createCallAnalytics } from "@switchboard/runtime";
import { expect, it, vi } from "vitest";
import { describeOnEachDatabase, type ApiHarness } from "./test/harness.js";

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

const V1 = "11111111-2222-4333-8444-555555555555";
const V2 = "11111111-2222-4333-8444-666666666666";
const PERIOD = { from: "2026-12-01T00:00:00Z", to: "2026-12-08T00:00:00Z" };

/** Calls of flow "support" through the runtime's own writer: each rated (first, second question) or not at all. */
async function placeRatedCalls(
  h: ApiHarness,
  ratings: Array<[number | null, number | null]>,
  flowName = "support",
  /** Per call (by index): the version it ran and the branch it took at split node `ab` before the survey. */
  route: (index: number) => { versionId: string; branch?: string } = () => ({ versionId: V1 }),
): Promise<void> {
  const writer = createCallAnalytics(h.db, { flushSize: 5, flushIntervalMs: 60_000 });
  ratings.forEach(([first, second], index) => {
    const callId = `${flowName}-${index}`;
    const at = Date.parse("2026-12-02T10:00:00Z") + index * 60_000;
    const { versionId, branch } = route(index);
    writer.callStarted({ callId, address: "+15550100", environment: "production", flowName, versionId, caller: `+4477009000${index}`, at });
    if (branch !== undefined) writer.nodeVisited({ callId, flowName, nodeId: "ab", nodeType: "split", at: at + 500, arrivedFrom: null });
    writer.nodeVisited({ callId, flowName, nodeId: "survey", nodeType: "survey", at: at + 1000, arrivedFrom: branch === undefined ? null : { nodeId: "ab", outlet: branch, reason: "test" } });
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

  it("per version and per split branch: each one's mean rating and number of ratings, as worked out by hand", async () => {
    // Calls 0–3 ran v1 (branch a, a, b, b), calls 4–6 ran v2 (branch a, b, b).
    const ratings: Array<[number | null, number | null]> = [[5, null], [3, null], [2, null], [null, null], [4, null], [1, null], [2, null]];
    const branches = ["a", "a", "b", "b", "a", "b", "b"];
    await placeRatedCalls(h, ratings, "abtest", (index) => ({ versionId: index < 4 ? V1 : V2, branch: branches[index] }));
    const api = await h.sessionFor("tester");
    const byVersion = await api.analytics.breakdown.query({ environment: "production", flowName: "abtest", period: PERIOD, by: "version", serviceLevelSeconds: 20 });
    // v1: 5, 3, 2 and one unrated → 3 ratings, mean 10/3; v2: 4, 1, 2 → 3 ratings, mean 7/3.
    expect(byVersion.map((row) => [row.key, row.calls, row.satisfaction.responses, row.satisfaction.average, row.satisfaction.distribution])).toEqual([
      [V1, 4, 3, 10 / 3, [0, 1, 1, 0, 1]],
      [V2, 3, 3, 7 / 3, [1, 1, 0, 1, 0]],
    ]);
    // Branch a: 5, 3 (v1) and 4 (v2); branch b: 2, unrated (v1) and 1, 2 (v2).
    const all = await api.analytics.splitBranches.query({ environment: "production", flowName: "abtest", nodeId: "ab", period: PERIOD });
    expect(all.map((row) => [row.branch, row.calls, row.satisfaction.responses, row.satisfaction.average])).toEqual([
      ["a", 3, 3, 4],
      ["b", 4, 3, 5 / 3],
    ]);
    const v2 = await api.analytics.splitBranches.query({ environment: "production", flowName: "abtest", versionId: V2, nodeId: "ab", period: PERIOD });
    expect(v2.map((row) => [row.branch, row.satisfaction.responses, row.satisfaction.average])).toEqual([
      ["a", 1, 4],
      ["b", 2, 3 / 2],
    ]);
  });

  it("a rating given on a survey call-back counts for the original call, its version and split branch — once, whether its call had ended or not", async () => {
    // Calls 0 and 1 (v1, branch a) rated nothing during the call; they booked survey call-backs.
    await placeRatedCalls(h, [[null, null], [null, null], [3, null]], "abtest", (index) => ({ versionId: V1, branch: index === 2 ? "b" : "a" }));
    for (const index of [0, 1]) {
      await h.db.prisma.callback.create({
        data: { number: `+4477009000${index}`, queue: "", purpose: "survey", survey: { delayMs: 120_000 }, switchGroup: "default", originalWaitSeconds: 0, nextAttemptAt: new Date("2026-12-02T10:10:00Z"), requestedAt: new Date("2026-12-02T10:00:00Z"), callId: `abtest-${index}` },
      });
    }
    await h.db.sql.transaction((tx) => recordLateSurveyAnswer(tx, { callId: "abtest-0", question: 1, score: 5 }));
    await h.db.sql.transaction((tx) => recordLateSurveyAnswer(tx, { callId: "abtest-0", question: 2, score: 2 }));
    await h.db.sql.transaction((tx) => recordLateSurveyAnswer(tx, { callId: "abtest-1", question: 1, score: 4 }));
    // A repeated answer (a retried write) is not counted twice.
    expect(await h.db.sql.transaction((tx) => recordLateSurveyAnswer(tx, { callId: "abtest-1", question: 1, score: 1 }))).toBe(false);
    await h.db.prisma.callback.updateMany({ where: { purpose: "survey" }, data: { status: "completed" } });

    const api = await h.sessionFor("tester");
    const { current } = await api.analytics.kpis.query({ environment: "production", flowName: "abtest", period: PERIOD, serviceLevelSeconds: 20 });
    // 5 and 4 by call-back, 3 during a call: 3 ratings, mean 4; the second question: one 2.
    expect(current.satisfaction).toEqual({ responses: 3, average: 4, distribution: [0, 0, 1, 1, 1], secondResponses: 1, secondAverage: 2 });
    expect(current.calls).toBe(3);
    // A survey call-back is not a callback the caller asked for.
    expect(current.callbacks).toEqual({ requested: 0, completed: 0, failed: 0, open: 0 });
    const branches = await api.analytics.splitBranches.query({ environment: "production", flowName: "abtest", nodeId: "ab", period: PERIOD });
    expect(branches.map((row) => [row.branch, row.satisfaction.responses, row.satisfaction.average])).toEqual([
      ["a", 2, 4.5],
      ["b", 1, 3],
    ]);

    // A rating that arrives before its call's end was written is counted by the end, once.
    const writer = createCallAnalytics(h.db, { flushSize: 50, flushIntervalMs: 60_000 });
    const at = Date.parse("2026-12-03T10:00:00Z");
    writer.callStarted({ callId: "late", address: "+15550100", environment: "production", flowName: "abtest", versionId: V2, caller: "+447700900999", at });
    await writer.flush();
    expect(await h.db.sql.transaction((tx) => recordLateSurveyAnswer(tx, { callId: "late", question: 1, score: 2 }))).toBe(true);
    writer.callEnded({ callId: "late", outcome: "selfServed", nodeId: "survey", at: at + 60_000, reason: "test" });
    await writer.close();
    const byVersion = await api.analytics.breakdown.query({ environment: "production", flowName: "abtest", period: PERIOD, by: "version", serviceLevelSeconds: 20 });
    expect(byVersion.find((row) => row.key === V2)?.satisfaction).toMatchObject({ responses: 1, average: 2 });
  });

  it("has no average (not 0) when nobody rated", async () => {
    await placeRatedCalls(h, [[null, null]]);
    const api = await h.sessionFor("tester");
    const { current } = await api.analytics.kpis.query({ environment: "production", period: PERIOD, serviceLevelSeconds: 20 });
    expect(current.satisfaction).toEqual({ responses: 0, average: null, distribution: [0, 0, 0, 0, 0], secondResponses: 0, secondAverage: null });
  });
});
