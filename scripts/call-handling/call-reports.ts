/**
 * One line per call the runtime ended, read back from the call records table (so what is printed is what was
 * stored): `+15550100 → Main menu v1: answeredFromQueue — start › hours › welcome › menu › support › bye (from +44…)`.
 */
import type { PrismaClient } from "../../prisma/src/index.js";
import type { CallSummary } from "../../runtime/src/index.js";

export interface CallReport {
  readonly callId: string;
  readonly address: string;
  readonly caller: string | null;
  readonly flowName: string | null;
  readonly versionNumber: number | null;
  readonly outcome: string;
  /** Node ids in the order the call visited them. */
  readonly path: readonly string[];
  /** Why the runtime could not run a flow (`noBinding`, …); null when a flow ran. */
  readonly fallback: string | null;
}

export function formatCallReport(report: CallReport): string {
  const from = report.caller ? ` (from ${report.caller})` : "";
  if (report.flowName === null) return `${report.address} → no flow: ${report.outcome}${report.fallback ? ` (fallback: ${report.fallback})` : ""}${from}`;
  const path = report.path.length > 0 ? ` — ${report.path.join(" › ")}` : "";
  return `${report.address} → ${report.flowName} v${report.versionNumber ?? "?"}: ${report.outcome}${path}${from}`;
}

/** Analytics are written in batches (every second); how long to wait for a call's record to be complete. */
const RECORD_WAIT_MS = 5_000;
const POLL_MS = 200;
/** Reports nobody asked for are kept this long for a late `forCall` (the call's placer may ask after it ended). */
const UNCLAIMED_LIMIT = 100;

/** Turns the runtime's "call ended" notices into reports, prints each, and hands them to whoever waits for one. */
export class CallReports {
  private readonly waiting = new Map<string, (report: CallReport) => void>();
  private readonly unclaimed = new Map<string, CallReport>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly print: (line: string) => void,
  ) {}

  /** Pass as the runtime's `onCallEnded`. */
  readonly callEnded = (summary: CallSummary): void => {
    if (summary.callId === "") return;
    // Without the database (shutting down), report what the runtime knows.
    void this.reportOf(summary)
      .catch((): CallReport => ({ ...this.bareReport(summary), caller: null, path: [] }))
      .then((report) => this.deliver(report));
  };

  private deliver(report: CallReport): void {
    this.print(formatCallReport(report));
    const waiter = this.waiting.get(report.callId);
    if (waiter) {
      this.waiting.delete(report.callId);
      waiter(report);
      return;
    }
    this.unclaimed.set(report.callId, report);
    if (this.unclaimed.size > UNCLAIMED_LIMIT) this.unclaimed.delete(this.unclaimed.keys().next().value!);
  }

  /** The report of the call with this channel uuid, once the runtime has ended it. */
  forCall(callId: string): Promise<CallReport> {
    const done = this.unclaimed.get(callId);
    if (done) {
      this.unclaimed.delete(callId);
      return Promise.resolve(done);
    }
    return new Promise((resolve) => this.waiting.set(callId, resolve));
  }

  /** Stops waiting for a call (its placer gave up). */
  forget(callId: string): void {
    this.waiting.delete(callId);
  }

  /** What the runtime itself says about a call (the database adds the caller, the flow's version and the path). */
  private bareReport(summary: CallSummary) {
    const ranFlow = summary.versionId !== null;
    return {
      callId: summary.callId,
      address: summary.address,
      outcome: summary.fallback ? "fallback" : summary.outcome,
      fallback: summary.fallback,
      flowName: ranFlow ? "?" : null,
      versionNumber: null,
    };
  }

  private async reportOf(summary: CallSummary): Promise<CallReport> {
    const base = this.bareReport(summary);
    if (summary.versionId === null) return { ...base, caller: null, path: [] };
    const record = await this.completeRecord(summary.callId);
    const version = await this.prisma.flowVersion.findUnique({ where: { id: summary.versionId }, select: { number: true, flow: { select: { name: true } } } });
    return {
      ...base,
      caller: record?.callerNumber ?? null,
      flowName: record?.flowName ?? version?.flow.name ?? "?",
      versionNumber: version?.number ?? null,
      outcome: record?.outcome ?? summary.outcome,
      path: record?.visits.map((visit) => visit.nodeId) ?? [],
    };
  }

  private async completeRecord(callId: string) {
    const deadline = Date.now() + RECORD_WAIT_MS;
    for (;;) {
      const record = await this.prisma.callRecord.findUnique({ where: { callId }, include: { visits: { orderBy: { sequence: "asc" } } } });
      if (record?.endedAt || Date.now() > deadline) return record;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
