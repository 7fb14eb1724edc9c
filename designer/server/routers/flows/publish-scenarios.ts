import { TRPCError } from "@trpc/server";
import { describeDifference, linkProgram, runScenario, type CompiledFlow, type FlowDocument } from "@switchboard/flows";
import type { Context } from "../../trpc.js";

/**
 * The version of each sub-flow a call would run: the one bound in production (the most recently changed binding)
 * or, for a flow nobody binds directly — the usual sub-flow — its latest published version. Followed
 * transitively; a sub-flow with no version is left out (the calling node then takes its failed route).
 */
async function liveSubflows(ctx: Context, compiled: CompiledFlow): Promise<CompiledFlow[]> {
  const library: CompiledFlow[] = [];
  const seen = new Set<string>([compiled.name]);
  const pending = [...compiled.subflows];
  while (pending.length > 0) {
    const name = pending.shift() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const bound = await ctx.prisma.binding.findFirst({
      where: { environment: "production", flow: { name } },
      orderBy: { updatedAt: "desc" },
      select: { activeVersion: { select: { compiled: true } } },
    });
    const flow = await ctx.prisma.flow.findFirst({ where: { name, archivedAt: null }, select: { id: true, latestVersionNumber: true } });
    const latest = flow && flow.latestVersionNumber > 0 ? await ctx.prisma.flowVersion.findUnique({ where: { flowId_number: { flowId: flow.id, number: flow.latestVersionNumber } }, select: { compiled: true } }) : null;
    const live = (bound?.activeVersion.compiled ?? latest?.compiled ?? null) as CompiledFlow | null;
    if (!live) continue;
    library.push(live);
    pending.push(...live.subflows);
  }
  return library;
}

/**
 * Runs every scenario saved with the flow against the draft about to be published (sub-flows from their live
 * versions). A failing scenario blocks publishing: the error names it and its first difference.
 */
export async function requirePassingScenarios(ctx: Context, flowName: string, document: FlowDocument, compiled: CompiledFlow): Promise<void> {
  const scenarios = document.scenarios ?? [];
  if (scenarios.length === 0) return;
  const program = linkProgram(compiled, await liveSubflows(ctx, compiled));
  const failures = scenarios.map((scenario) => runScenario(program, scenario)).filter((result) => !result.passed);
  const first = failures[0];
  if (!first) return;
  const more = failures.length > 1 ? ` (${failures.length - 1} more scenario${failures.length === 2 ? "" : "s"} of ${scenarios.length} fail too)` : "";
  throw new TRPCError({
    code: "PRECONDITION_FAILED",
    message: `Scenario "${first.scenario}" of "${flowName}" fails: ${first.difference ? describeDifference(first.difference) : "it did not pass"}${more}. Fix the flow or update the scenario before publishing`,
  });
}
