import { TRPCError } from "@trpc/server";
import { DiagnosticSink, formatPath, ScenarioSchema, type FlowDocument, type Scenario } from "@switchboard/flows";
import { recordAudit } from "../../audit.js";
import { DiagnosticsError } from "../../errors.js";
import type { Context, SessionUser } from "../../trpc.js";
import type { SaveScenariosInput } from "./inputs.js";
import { asJson, draftConflict, loadFlow, storedDocument } from "./load.js";

type Ctx = Context & { user: SessionUser };

/** Checks incoming scenarios against the flows `ScenarioSchema`, or rejects them with every problem by path. */
function parseIncomingScenarios(input: readonly unknown[]): Scenario[] {
  const sink = new DiagnosticSink();
  const scenarios: Scenario[] = [];
  input.forEach((raw, index) => {
    const parsed = ScenarioSchema.safeParse(raw);
    if (parsed.success) scenarios.push(parsed.data);
    else for (const issue of parsed.error.issues) sink.report("SB001", { path: `scenarios${formatPath([index, ...issue.path])}` }, issue.message);
  });
  if (sink.items.length === 0) return scenarios;
  const problems = sink.items;
  throw new TRPCError({
    code: "BAD_REQUEST",
    message: `The scenarios have ${problems.length} problem${problems.length === 1 ? "" : "s"}: ${problems
      .slice(0, 3)
      .map((d) => `${d.path}: ${d.message}`)
      .join("; ")}${problems.length > 3 ? "; …" : ""}`,
    cause: new DiagnosticsError("invalid scenarios", problems),
  });
}

/** The draft with `scenarios` in place of its own; none at all leaves the field out, as a new document has it. */
function withScenarios(draft: FlowDocument, scenarios: Scenario[]): FlowDocument {
  const { scenarios: _replaced, ...rest } = draft;
  return scenarios.length === 0 ? rest : { ...rest, scenarios };
}

/**
 * Replaces only the draft's scenarios — testers save finished simulations without the right to edit the flow.
 * The draft is read at `baseRevision` and written back with one conditional UPDATE on that revision, so a node
 * edit saved by anyone in between is never overwritten: that save gets CONFLICT naming who saved.
 */
export async function saveScenarios(ctx: Ctx, input: SaveScenariosInput) {
  const scenarios = parseIncomingScenarios(input.scenarios);
  const flow = await loadFlow(ctx.prisma, input);
  if (flow.archivedAt) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Flow "${flow.name}" is archived; unarchive it to save scenarios` });
  // The document read must be the one at baseRevision: scenarios go into exactly the draft the caller saw.
  if (flow.draftRevision !== input.baseRevision) throw await draftConflict(ctx.prisma, flow, input.baseRevision);
  const draft = withScenarios(storedDocument(flow.draftDocument, `flow "${flow.name}"`), scenarios);
  const savedAt = ctx.now();
  const saved = await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.flow.updateMany({
      where: { id: flow.id, draftRevision: input.baseRevision },
      data: { draftDocument: asJson(draft), draftRevision: { increment: 1 }, draftSavedById: ctx.user.id, draftSavedAt: savedAt },
    });
    if (count !== 1) return false;
    await recordAudit(tx, {
      action: "flow.scenarios_save",
      actorId: ctx.user.id,
      subjectType: "flow",
      subjectId: flow.id,
      details: { flow: flow.name, revision: input.baseRevision + 1, scenarios: scenarios.map((s) => s.name) },
    });
    return true;
  });
  if (!saved) throw await draftConflict(ctx.prisma, flow, input.baseRevision);
  return { draftRevision: input.baseRevision + 1, draftSavedAt: savedAt, scenarios };
}
