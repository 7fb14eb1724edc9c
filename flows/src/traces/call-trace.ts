import type { VisitDetail } from './visit-detail.js';

/** One step of a real call, as the runtime recorded it (`node_visits`). */
export interface TraceVisit {
  sequence: number;
  /** The flow holding the node: the call's own flow, or a sub-flow's name. */
  flow: string;
  nodeId: string;
  nodeType: string;
  /** Epoch ms. */
  enteredAt: number;
  /** The outlet the call left by; null when the call ended here. */
  outlet: string | null;
  /** Why that outlet ("pressed 1", "queue exit: timeout", "holiday: … (calendar CN-2027 rev 3)"). */
  reason: string | null;
  /** Prompts heard and what came back here; null for calls recorded before details were kept. */
  detail: VisitDetail | null;
}

/** The caller's wait in a mod_callcenter queue (the answered one, else the last). */
export interface TraceQueueWait {
  queue: string;
  joinedAt: number | null;
  waitMs: number | null;
  answeredAt: number | null;
  agent: string | null;
  talkMs: number | null;
}

/** A real call from start to end: what the trace page shows and a scenario can be made from. */
export interface CallTrace {
  callId: string;
  environment: string;
  address: string;
  /** The call's own flow; null for a call that got the fallback without a flow. */
  flowName: string | null;
  versionId: string | null;
  versionNumber: number | null;
  /** As the viewer may see it: masked (`+44 7700 •••999`) below admin. */
  callerNumber: string;
  startedAt: number;
  endedAt: number | null;
  outcome: string | null;
  endReason: string | null;
  queue: TraceQueueWait | null;
  /** Revisions of the calendars the version's schedules name that were current when the call started. */
  calendars: Array<{ name: string; revision: number }>;
  visits: TraceVisit[];
}

/** Visits as scenarios name them: main-flow nodes by id, sub-flow nodes as `Flow name/nodeId`. */
export function tracePath(trace: Pick<CallTrace, 'flowName' | 'visits'>): string[] {
  return trace.visits.map((visit) => (visit.flow === trace.flowName ? visit.nodeId : `${visit.flow}/${visit.nodeId}`));
}
