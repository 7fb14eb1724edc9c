import type { CallTrace, Said, TraceEvent, TraceVisit } from '@switchboard/flows';
import type { NodeHighlight } from '../../editor';
import { eventFields } from '../../simulator/events/event-fields';
import type { TranscriptLine } from '../../simulator/transcript-lines';

/** A transcript line of a real call and the step (visit index) it belongs to, for the step-by-step replay. */
export interface TraceLine {
  step: number;
  line: TranscriptLine;
}


/** What came back at a step, as the simulator's transcript says it: the caller's keys, silence, hang-up, or the switch. */
function eventLine(event: TraceEvent): TranscriptLine {
  switch (event.type) {
    case 'digits':
      return { kind: 'caller', at: event.at, entry: { kind: 'caller', at: event.at, action: { action: 'press', digits: event.digits } } };
    case 'noInput':
      return { kind: 'caller', at: event.at, entry: { kind: 'caller', at: event.at, action: { action: 'silence' } } };
    case 'hangup':
      return { kind: 'caller', at: event.at, entry: { kind: 'caller', at: event.at, action: { action: 'hangUp' } } };
    default:
      return { kind: 'event', at: event.at, from: 'switch', type: event.type, fields: eventFields(event) };
  }
}

/** Why a visit was left, by message id, when the runtime kept it (calls recorded before it did have only the English). */
function saidOf(visit: TraceVisit): { said?: Said } {
  return visit.detail?.left ? { said: visit.detail.left } : {};
}

/**
 * A recorded call as the simulator's transcript lines (the same `TranscriptView` shows both): per visit the
 * decision that led there ("menu took “Support”: pressed 2"), the step, the prompts heard, and what came back.
 */
export function traceLines(trace: CallTrace): TraceLine[] {
  const lines: TraceLine[] = [];
  trace.visits.forEach((visit, step) => {
    const previous = trace.visits[step - 1];
    if (previous?.outlet && previous.reason) {
      lines.push({ step, line: { kind: 'decision', at: visit.enteredAt, flow: previous.flow, nodeId: previous.nodeId, nodeType: previous.nodeType, outlet: previous.outlet, reason: previous.reason, ...saidOf(previous) } });
    }
    lines.push({ step, line: { kind: 'visit', at: visit.enteredAt, flow: visit.flow, nodeId: visit.nodeId, nodeType: visit.nodeType } });
    for (const heard of visit.detail?.heard ?? []) lines.push({ step, line: { kind: 'heard', at: visit.enteredAt, text: heard.text, language: heard.language, audio: heard.audio === true } });
    for (const event of visit.detail?.events ?? []) lines.push({ step, line: eventLine(event) });
  });
  // The last step's outlet led nowhere: the call ended because of it.
  const last = trace.visits[trace.visits.length - 1];
  if (last?.outlet && last.reason) {
    lines.push({ step: trace.visits.length - 1, line: { kind: 'decision', at: trace.endedAt ?? last.enteredAt, flow: last.flow, nodeId: last.nodeId, nodeType: last.nodeType, outlet: last.outlet, reason: last.reason, ...saidOf(last) } });
  }
  return lines;
}

/**
 * The path on the canvas up to `step`, as the simulator lights it: nodes of the call's own flow passed are
 * `visited`, the step's node `active`; while the call is in a sub-flow the calling node stays lit.
 */
export function replayHighlights(trace: CallTrace, step: number): Record<string, NodeHighlight> {
  const highlights: Record<string, NodeHighlight> = {};
  let current: string | null = null;
  trace.visits.slice(0, step + 1).forEach((visit) => {
    if (visit.flow !== trace.flowName) return;
    highlights[visit.nodeId] = 'visited';
    current = visit.nodeId;
  });
  if (current !== null) highlights[current] = 'active';
  return highlights;
}
