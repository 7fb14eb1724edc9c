import type { CompiledFlow } from "@switchboard/flows";
import type { Context } from "../../trpc.js";

/** The compiled versions a call would enter, and the names that have none (their calls take the failed route). */
export interface LiveSubflows {
  flows: CompiledFlow[];
  unpublished: string[];
}

/** The version of one flow a call would run, or null when it has none. */
async function liveVersionOf(ctx: Context, name: string): Promise<CompiledFlow | null> {
  const bound = await ctx.prisma.binding.findFirst({
    where: { environment: "production", flow: { name } },
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
 * The version of each named flow a call would run: the one bound in production (the most recently changed
 * binding) or, for a flow nobody binds directly — the usual sub-flow — its latest published version. The
 * sub-flows those call are followed transitively; names in `skip` (the calling flow itself) are not looked up.
 */
export async function liveSubflows(ctx: Context, names: readonly string[], skip: readonly string[] = []): Promise<LiveSubflows> {
  const result: LiveSubflows = { flows: [], unpublished: [] };
  const seen = new Set<string>(skip);
  const pending = [...names];
  while (pending.length > 0) {
    const name = pending.shift() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const live = await liveVersionOf(ctx, name);
    if (!live) {
      result.unpublished.push(name);
      continue;
    }
    result.flows.push(live);
    pending.push(...live.subflows);
  }
  return result;
}
