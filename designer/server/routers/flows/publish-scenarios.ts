import { TRPCError } from "@trpc/server";
import { compiledCalendarNames, describeDifference, linkProgram, runScenario, type CompiledFlow, type FlowDocument } from "@switchboard/flows";
import { currentCompiledCalendars } from "../calendars/calendars.handler.js";
import type { Context } from "../../trpc.js";
import { liveSubflows } from "./live-subflows.js";

/**
 * Runs every scenario saved with the flow against the draft about to be published (sub-flows from their live
 * versions). A failing scenario blocks publishing: the error names it and its first difference.
 */
export async function requirePassingScenarios(ctx: Context, flowName: string, document: FlowDocument, compiled: CompiledFlow): Promise<void> {
  const scenarios = document.scenarios ?? [];
  if (scenarios.length === 0) return;
  // A sub-flow with no version is left out: the calling node then takes its failed route, as in a real call.
  const library = (await liveSubflows(ctx, compiled.subflows, [compiled.name])).flows;
  // Schedules decide with the calendars' current revisions, as a call started now would.
  const calendars = await currentCompiledCalendars(ctx, [compiled, ...library].flatMap((flow) => compiledCalendarNames(flow)));
  const program = linkProgram(compiled, library, calendars);
  const failures = scenarios.map((scenario) => runScenario(program, scenario)).filter((result) => !result.passed);
  const first = failures[0];
  if (!first) return;
  const more = failures.length > 1 ? ` (${failures.length - 1} more scenario${failures.length === 2 ? "" : "s"} of ${scenarios.length} fail too)` : "";
  throw new TRPCError({
    code: "PRECONDITION_FAILED",
    message: `Scenario "${first.scenario}" of "${flowName}" fails: ${first.difference ? describeDifference(first.difference) : "it did not pass"}${more}. Fix the flow or update the scenario before publishing`,
  });
}
