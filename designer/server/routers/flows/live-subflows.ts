import { TRPCError } from "@trpc/server";
import { describeSubflowCycle, findSubflowCycle, subflowCycleDiagnostic, type CompiledFlow, type Diagnostic } from "@switchboard/flows";
import type { Environment } from "@switchboard/db";
import { DiagnosticsError } from "../../errors.js";
import type { Context } from "../../trpc.js";

/** The compiled versions a call would enter, and the names that have none (their calls take the failed route). */
export interface LiveSubflows {
  flows: CompiledFlow[];
  unpublished: string[];
}

/** The version of one flow a call in `environment` would run, or null when it has none. */
async function liveVersionOf(ctx: Context, name: string, environment: Environment): Promise<CompiledFlow | null> {
  const bound = await ctx.prisma.binding.findFirst({
    where: { environment, flow: { name } },
    orderBy: { updatedAt: "desc" },
    select: { activeVersion: { select: { compiled: true } } },
  });
  if (bound) return bound.activeVersion.compiled as unknown as CompiledFlow;
  const flow = await ctx.prisma.flow.findFirst({ where: { name, archivedAt: null }, select: { id: true, latestVersionNumber: true } });
  if (!flow || flow.latestVersionNumber === 0) return null;
  const latest = await ctx.prisma.flowVersion.findUnique({
    where: { flowId_number: { flowId: flow.id, number: flow.latestVersionNumber } },
    select: { compiled: true },
  });
  return (latest?.compiled ?? null) as CompiledFlow | null;
}

/**
 * The version of each named flow a call would run: the one bound in `environment` (production unless given; the
 * most recently changed binding) or, for a flow nobody binds directly — the usual sub-flow — its latest published
 * version. The sub-flows those call are followed transitively; names in `skip` (the calling flow itself) are not
 * looked up.
 */
export async function liveSubflows(
  ctx: Context,
  names: readonly string[],
  skip: readonly string[] = [],
  environment: Environment = "production",
): Promise<LiveSubflows> {
  const result: LiveSubflows = { flows: [], unpublished: [] };
  const seen = new Set<string>(skip);
  const pending = [...names];
  while (pending.length > 0) {
    const name = pending.shift() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const live = await liveVersionOf(ctx, name, environment);
    if (!live) {
      result.unpublished.push(name);
      continue;
    }
    result.flows.push(live);
    pending.push(...live.subflows);
  }
  return result;
}

const ENVIRONMENTS: readonly Environment[] = ["production", "staging"];

/**
 * The cycle of sub-flow calls that `candidate` would close if it went live, among the versions calls run in
 * production or in staging (`["main-menu", "billing", "main-menu"]`), or null. A call into such a cycle would
 * never end, so publishing refuses it. (A flow calling itself is already a compile error, SB303.)
 */
export async function subflowCycleClosedBy(ctx: Context, candidate: CompiledFlow): Promise<string[] | null> {
  const callees = candidate.subflows.filter((name) => name !== candidate.name);
  if (callees.length === 0) return null;
  for (const environment of ENVIRONMENTS) {
    const live = await liveSubflows(ctx, callees, [candidate.name], environment);
    const calls = new Map<string, readonly string[]>(live.flows.map((flow) => [flow.name, flow.subflows]));
    calls.set(candidate.name, callees);
    const cycle = findSubflowCycle(calls, candidate.name);
    if (cycle) return cycle;
  }
  return null;
}

/** SB301 for the cycle `candidate` would close among live versions (see {@link subflowCycleClosedBy}), if any. */
export async function subflowCycleDiagnostics(ctx: Context, candidate: CompiledFlow): Promise<Diagnostic[]> {
  const cycle = await subflowCycleClosedBy(ctx, candidate);
  return cycle ? [subflowCycleDiagnostic(cycle)] : [];
}

/** Refuses to publish `candidate` when it would close a cycle of sub-flow calls, naming the cycle. */
export async function requireNoSubflowCycle(ctx: Context, candidate: CompiledFlow): Promise<void> {
  const cycle = await subflowCycleClosedBy(ctx, candidate);
  if (!cycle) return;
  throw new TRPCError({
    code: "BAD_REQUEST",
    message:
      `Publishing "${candidate.name}" would close a cycle of sub-flow calls: ${describeSubflowCycle(cycle)}. ` +
      `A call into it would never end; remove the Sub-flow node that closes it before publishing`,
    cause: new DiagnosticsError("sub-flow cycle", [subflowCycleDiagnostic(cycle)]),
  });
}

