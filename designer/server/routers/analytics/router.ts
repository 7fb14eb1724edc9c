import { requirePermission, router } from "../../trpc.js";
import { ZBreakdownInput, ZDimensionsInput, ZKpiInput, ZLiveInput, ZNodeDropOffInput, ZSeriesInput, ZSplitBranchesInput } from "./inputs.js";
import { liveView } from "./live.js";
import { computeKpis, type Kpis } from "./kpis.js";
import { dimensions, nodeDropOff, rollupTotals, series, versionsWithCalls } from "./queries.js";
import { emptyTotals } from "./kpis.js";

/**
 * KPIs, charts, breakdowns and per-node drop-off from the hourly rollups. Everyone who builds or checks flows may
 * read them (`readAnalytics`); no procedure returns a caller's number (repeat callers are counts).
 */
export const analyticsRouter = router({
  /** The figures of one period (and of a comparison period) for a flow, version, number, queue or all calls. */
  kpis: requirePermission("readAnalytics")
    .input(ZKpiInput)
    .query(async ({ ctx, input }): Promise<{ current: Kpis; previous: Kpis | null }> => {
      const figures = async (period: typeof input.period) => computeKpis((await rollupTotals(ctx.prisma, input, period)).get("") ?? emptyTotals(), input.serviceLevelSeconds);
      const [current, previous] = await Promise.all([figures(input.period), input.compareWith ? figures(input.compareWith) : Promise.resolve(null)]);
      return { current, previous };
    }),

  /** Calls per hour or per day (days in the viewer's time zone). */
  series: requirePermission("readAnalytics")
    .input(ZSeriesInput)
    .query(({ ctx, input }) => series(ctx.prisma, input, input.period, input.bucket, input.timeZone)),

  /** The same figures per flow, number, queue or version (a table). */
  breakdown: requirePermission("readAnalytics")
    .input(ZBreakdownInput)
    .query(async ({ ctx, input }) => {
      const column = ({ flow: "flow_name", address: "address", queue: "queue", version: "version_id" } as const)[input.by];
      const totals = await rollupTotals(ctx.prisma, input, input.period, column);
      // Versions are shown by their number (v3); a version id no longer in the database keeps its id.
      const numbers = new Map<string, number>();
      if (input.by === "version") {
        const ids = [...totals.keys()].filter((key) => /^[0-9a-f-]{36}$/i.test(key));
        for (const version of await ctx.prisma.flowVersion.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } })) numbers.set(version.id, version.number);
      }
      return [...totals.entries()]
        .map(([key, sums]) => ({ key, label: numbers.has(key) ? `v${numbers.get(key)}` : key, ...computeKpis(sums, input.serviceLevelSeconds) }))
        .sort((a, b) => b.calls - a.calls);
    }),

  /**
   * The figures per branch of a split node (an A/B test): the calls that took each branch, how they ended, answer
   * speed and handle time — so a change can be judged by its numbers.
   */
  splitBranches: requirePermission("readAnalytics")
    .input(ZSplitBranchesInput)
    .query(async ({ ctx, input }) => {
      const filter = { environment: input.environment, flowName: input.flowName, ...(input.versionId ? { versionId: input.versionId } : {}) };
      const totals = await rollupTotals(ctx.prisma, filter, input.period, "branch", { nodeId: input.nodeId });
      return [...totals.entries()].map(([branch, sums]) => ({ branch, ...computeKpis(sums, input.serviceLevelSeconds) })).sort((a, b) => a.branch.localeCompare(b.branch));
    }),

  /** Flows, numbers and queues with calls in the period. */
  dimensions: requirePermission("readAnalytics")
    .input(ZDimensionsInput)
    .query(({ ctx, input }) => dimensions(ctx.prisma, input.environment, input.period)),

  /** Per node of a flow (one version or all): entered, left per outlet, ended and hung up there; and the versions that ran. */
  nodeDropOff: requirePermission("readAnalytics")
    .input(ZNodeDropOffInput)
    .query(async ({ ctx, input }) => {
      const [nodes, versions] = await Promise.all([nodeDropOff(ctx.prisma, input), versionsWithCalls(ctx.prisma, input.environment, input.flowName, input.period)]);
      return { nodes, versions };
    }),

  /** Now: calls in flows (per number and node), callers waiting and the longest wait per queue, agents, callbacks pending — merged from every runtime's snapshot. */
  live: requirePermission("readAnalytics")
    .input(ZLiveInput)
    .query(({ ctx, input }) => liveView(ctx.prisma, input)),
});
