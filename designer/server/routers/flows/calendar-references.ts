import { TRPCError } from "@trpc/server";
import { checkCalendarReferences, compiledCalendarNames, type CompiledFlow, type Diagnostic, type FlowDocument } from "@switchboard/flows";
import { DiagnosticsError } from "../../errors.js";
import type { Context } from "../../trpc.js";

/**
 * SB304 (a schedule names a calendar that does not exist) and SB305 (another time zone) for a flow. The document's
 * nodes are read only when the compiled flow names calendars at all: for a large flow that read parses the document.
 */
export async function calendarDiagnostics(ctx: Pick<Context, "prisma">, compiled: CompiledFlow, document: () => Pick<FlowDocument, "nodes">): Promise<Diagnostic[]> {
  const names = compiledCalendarNames(compiled);
  if (names.length === 0) return [];
  const known = await ctx.prisma.calendar.findMany({ where: { name: { in: names } }, select: { name: true, timezone: true } });
  return checkCalendarReferences(document(), new Map(known.map((calendar) => [calendar.name, { timezone: calendar.timezone }])));
}

/** Refuses publishing while a schedule names a calendar that does not exist, naming the node and field. */
export async function requireExistingCalendars(ctx: Pick<Context, "prisma">, flowName: string, compiled: CompiledFlow, document: () => Pick<FlowDocument, "nodes">): Promise<Diagnostic[]> {
  const diagnostics = await calendarDiagnostics(ctx, compiled, document);
  const missing = diagnostics.filter((d) => d.code === "SB304");
  if (missing.length > 0) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Flow "${flowName}" cannot be published: ${missing.map((d) => `node ${d.nodeId} field ${d.path.replace(/^nodes\[\d+\]\.data\./, "")}: ${d.message}`).join("; ")}`,
      cause: new DiagnosticsError("calendar missing", missing),
    });
  }
  return diagnostics;
}
