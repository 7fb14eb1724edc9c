import { TRPCError } from "@trpc/server";
import { DiagnosticSink, formatPath, ScenarioSchema, type Scenario } from "@switchboard/flows";
import { recordAudit } from "../../audit.js";
import type { Context, SessionUser } from "../../trpc.js";
import type { SaveScenariosInput } from "./inputs.js";
import { asJson, loadFlow, requireUniqueScenarioNames, scenarioProblems, scenariosConflict } from "./load.js";

type Ctx = Context & { user: SessionUser };

/** Checks incoming scenarios against the flows `ScenarioSchema` and for unique names, or rejects them with every problem by path. */
function parseIncomingScenarios(input: readonly unknown[]): Scenario[] {
  const sink = new DiagnosticSink();
  const scenarios: Scenario[] = [];
  input.forEach((raw, index) => {
    const parsed = ScenarioSchema.safeParse(raw);
    if (parsed.success) scenarios.push(parsed.data);
    else for (const issue of parsed.error.issues) sink.report("SB001.schema", { path: `scenarios${formatPath([index, ...issue.path])}` }, { detail: issue.message });
  });
  if (sink.items.length > 0) throw scenarioProblems(sink.items);
  requireUniqueScenarioNames(scenarios);
  return scenarios;
}

/**
 * Replaces the draft's scenarios — testers save finished simulations without the right to edit the flow.
 * Scenarios have their own column and revision: one conditional UPDATE on `baseScenariosRevision` that touches
 * no node column and not `draft_revision`, so an editor's autosave is never disturbed, and two testers saving at
 * once cannot overwrite each other (the later gets CONFLICT naming who saved).
 */
export async function saveScenarios(ctx: Ctx, input: SaveScenariosInput) {
  const scenarios = parseIncomingScenarios(input.scenarios);
  const flow = await loadFlow(ctx.prisma, input);
  if (flow.archivedAt) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Flow "${flow.name}" is archived; unarchive it to save scenarios` });
  if (flow.scenariosRevision !== input.baseScenariosRevision) throw await scenariosConflict(ctx.prisma, flow, input.baseScenariosRevision);
  const savedAt = ctx.now();
  const scenariosRevision = input.baseScenariosRevision + 1;
  const saved = await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.flow.updateMany({
      where: { id: flow.id, scenariosRevision: input.baseScenariosRevision },
      data: { draftScenarios: asJson(scenarios), scenariosRevision: { increment: 1 }, scenariosSavedById: ctx.user.id, scenariosSavedAt: savedAt },
    });
    if (count !== 1) return false;
    await recordAudit(tx, {
      action: "flow.scenarios_save",
      actorId: ctx.user.id,
      subjectType: "flow",
      subjectId: flow.id,
      details: { flow: flow.name, scenariosRevision, scenarios: scenarios.map((s) => s.name) },
    });
    return true;
  });
  if (!saved) throw await scenariosConflict(ctx.prisma, flow, input.baseScenariosRevision);
  return { scenariosRevision, scenariosSavedAt: savedAt, scenarios };
}
