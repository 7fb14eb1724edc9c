import { TRPCError } from "@trpc/server";
import {
  describeDifference,
  describeTraceRefusal,
  linkProgram,
  parseCalendar,
  runScenario,
  scenarioFromTrace,
  ScenarioSchema,
  type CompiledCalendar,
  type CompiledFlow,
  type Scenario,
} from "@switchboard/flows";
import type { Environment } from "@switchboard/db";
import { recordAudit } from "../../audit.js";
import type { Context, SessionUser } from "../../trpc.js";
import { liveSubflows } from "../flows/live-subflows.js";
import { asJson, requireUniqueScenarioNames, scenariosConflict, storedScenarios } from "../flows/load.js";
import type { SaveCallAsScenarioInput } from "./inputs.js";
import { standInNumber } from "./mask.js";
import { loadTrace } from "./trace.js";

type Ctx = Context & { user: SessionUser };

/** The zone the flow's first schedule reads the clock in (so the scenario's local time decides as the call did). */
function scheduleZone(compiled: CompiledFlow): string {
  for (const node of Object.values(compiled.nodes)) {
    const zone = node.type === "schedule" ? (node.config as { timezone?: unknown }).timezone : undefined;
    if (typeof zone === "string" && zone !== "") return zone;
  }
  return "UTC";
}

/** The calendar revisions the call ran with, compiled (a revision that no longer parses is left out, as a runtime would). */
async function calendarsOfCall(ctx: Ctx, revisions: ReadonlyArray<{ name: string; revision: number }>): Promise<Record<string, CompiledCalendar>> {
  const compiled: Record<string, CompiledCalendar> = {};
  for (const { name, revision } of revisions) {
    const stored = await ctx.prisma.calendarRevision.findFirst({ where: { calendar: { name }, number: revision }, select: { document: true } });
    const { calendar } = stored ? parseCalendar(stored.document, revision) : { calendar: null };
    if (calendar) compiled[name] = calendar;
  }
  return compiled;
}

/**
 * A real call saved as a scenario of its flow's draft, in one step: made from the trace (flows
 * `scenarioFromTrace`), run against the version the call ran on (with the calendar revisions of the call), and
 * added to the draft's scenarios only when it passes there. Viewers who may not see callers' numbers get a stand-in
 * number with the hidden digits as zeros; when the path depends on the hidden digits the scenario fails and is
 * not saved, and the error says why.
 */
export async function saveCallAsScenario(ctx: Ctx, input: SaveCallAsScenarioInput, unmasked: boolean): Promise<{ flowId: string; scenario: Scenario; scenariosRevision: number }> {
  const { trace, compiled } = await loadTrace(ctx.prisma, input.callId);
  if (!compiled || trace.flowName === null) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Call "${input.callId}" cannot become a scenario: ${trace.flowName === null ? describeTraceRefusal({ kind: "noFlow" }) : "the version it ran is no longer stored"}` });
  }
  const flow = await ctx.prisma.flow.findUnique({ where: { name: trace.flowName } });
  if (!flow) throw new TRPCError({ code: "NOT_FOUND", message: `Flow "${trace.flowName}" of call "${input.callId}" no longer exists` });
  if (flow.archivedAt) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Flow "${flow.name}" is archived; unarchive it to save scenarios` });

  const made = scenarioFromTrace(trace, { name: input.name, caller: unmasked ? trace.callerNumber : standInNumber(trace.callerNumber), timezone: scheduleZone(compiled) });
  if (!("call" in made)) throw new TRPCError({ code: "BAD_REQUEST", message: `Call "${input.callId}" cannot become a scenario: ${describeTraceRefusal(made)}` });
  const parsed = ScenarioSchema.safeParse(made);
  if (!parsed.success) throw new TRPCError({ code: "BAD_REQUEST", message: `Call "${input.callId}" cannot become a scenario: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` });
  const scenario = parsed.data;

  const library = (await liveSubflows(ctx, compiled.subflows, [compiled.name], trace.environment as Environment)).flows;
  const result = runScenario(linkProgram(compiled, library, await calendarsOfCall(ctx, trace.calendars)), scenario);
  if (!result.passed) {
    const hidden = unmasked ? "" : " (the scenario calls from a stand-in number with the hidden digits as zeros; if the flow routes on the full number, ask an admin to save it)";
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `The scenario made from call "${input.callId}" does not pass against v${trace.versionNumber ?? "?"}: ${result.difference ? describeDifference(result.difference) : "it did not pass"}${hidden}; it was not saved`,
    });
  }

  const scenarios = [...storedScenarios(flow.draftScenarios, `flow "${flow.name}"`), scenario];
  requireUniqueScenarioNames(scenarios);
  const base = flow.scenariosRevision;
  const saved = await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.flow.updateMany({
      where: { id: flow.id, scenariosRevision: base },
      data: { draftScenarios: asJson(scenarios), scenariosRevision: { increment: 1 }, scenariosSavedById: ctx.user.id, scenariosSavedAt: ctx.now() },
    });
    if (count !== 1) return false;
    await recordAudit(tx, {
      action: "flow.scenarios_save",
      actorId: ctx.user.id,
      subjectType: "flow",
      subjectId: flow.id,
      details: { flow: flow.name, scenariosRevision: base + 1, scenarios: scenarios.map((s) => s.name), fromCall: trace.callId },
    });
    return true;
  });
  if (!saved) throw await scenariosConflict(ctx.prisma, flow, base);
  return { flowId: flow.id, scenario, scenariosRevision: base + 1 };
}
