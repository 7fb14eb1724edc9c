import { TRPCError } from "@trpc/server";
import { compiledCalendarNames, type CallTrace, type CompiledFlow, type VisitDetail } from "@switchboard/flows";
import type { PrismaClient } from "@switchboard/db";
import { maskCallerNumber } from "./mask.js";

type Db = Pick<PrismaClient, "callRecord" | "flowVersion" | "$queryRawUnsafe">;

/** A call's trace and where its version lives (to show it on the canvas). */
export interface LoadedTrace {
  trace: CallTrace;
  /** The flow of the version the call ran; null when the call ran none or the version is gone. */
  flowId: string | null;
  /** The version's compiled flow (server-side use only: scenarios run against it). */
  compiled: CompiledFlow | null;
}

/**
 * The revisions of `names` that were current at `at`: each calendar's newest revision saved by then (a runtime
 * picks up a saved calendar within moments; the schedule's own decision names the revision it used).
 */
async function calendarsAt(db: Db, names: readonly string[], at: Date): Promise<Array<{ name: string; revision: number }>> {
  if (names.length === 0) return [];
  const rows = await db.$queryRawUnsafe<Array<{ name: string; revision: number }>>(
    `SELECT c.name, max(r.number)::int AS revision
       FROM calendars c JOIN calendar_revisions r ON r.calendar_id = c.id
      WHERE c.name = ANY($1::text[]) AND r.created_at <= $2::timestamptz
      GROUP BY c.name ORDER BY c.name`,
    [...new Set(names)],
    at.toISOString(),
  );
  return rows;
}

/** One call with its visits in order, or NOT_FOUND naming the call id. The caller's number as recorded. */
export async function loadTrace(db: Db, callId: string): Promise<LoadedTrace> {
  const record = await db.callRecord.findUnique({ where: { callId }, include: { visits: { orderBy: { sequence: "asc" } } } });
  if (!record) throw new TRPCError({ code: "NOT_FOUND", message: `Call "${callId}" not found (it may be older than the retention period)` });
  const version = record.versionId ? await db.flowVersion.findUnique({ where: { id: record.versionId }, select: { flowId: true, number: true, compiled: true } }) : null;
  const compiled = (version?.compiled ?? null) as CompiledFlow | null;
  const flowName = record.flowName;
  const trace: CallTrace = {
    callId: record.callId,
    environment: record.environment,
    address: record.address,
    flowName,
    versionId: record.versionId,
    versionNumber: version?.number ?? null,
    callerNumber: record.callerNumber,
    startedAt: record.startedAt.getTime(),
    endedAt: record.endedAt?.getTime() ?? null,
    outcome: record.outcome,
    endReason: record.endReason,
    queue: record.queueName
      ? {
          queue: record.queueName,
          joinedAt: record.queueJoinedAt?.getTime() ?? null,
          waitMs: record.queueWaitMs,
          answeredAt: record.answeredAt?.getTime() ?? null,
          agent: record.agent,
          talkMs: record.talkMs,
        }
      : null,
    calendars: compiled ? await calendarsAt(db, compiledCalendarNames(compiled), record.startedAt) : [],
    visits: record.visits.map((visit) => ({
      sequence: visit.sequence,
      flow: visit.flowName ?? flowName ?? "",
      nodeId: visit.nodeId,
      nodeType: visit.nodeType,
      enteredAt: visit.enteredAt.getTime(),
      outlet: visit.outlet,
      reason: visit.outletReason,
      detail: (visit.detail ?? null) as VisitDetail | null,
    })),
  };
  return { trace, flowId: version?.flowId ?? null, compiled };
}

/**
 * The trace as a viewer may see it: the caller's number masked unless they may see it whole — also where it
 * appears inside the trace's texts (a caller-routing reason "caller +44… is on list VIP", a prompt that reads it
 * back, an end reason).
 */
export function traceForViewer(trace: CallTrace, unmasked: boolean): CallTrace {
  if (unmasked) return trace;
  const number = trace.callerNumber.trim();
  const masked = maskCallerNumber(number);
  const digits = number.replace(/^\+/, "");
  if (digits.length < 3) return { ...trace, callerNumber: masked };
  const text = JSON.stringify(trace).split(number).join(masked).split(digits).join(masked.replace(/^\+/, ""));
  return { ...(JSON.parse(text) as CallTrace), callerNumber: masked };
}
