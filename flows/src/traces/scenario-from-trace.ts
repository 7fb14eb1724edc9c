import { EXPECTED_OUTCOMES, QueueStateSchema, type CallerAction, type ExpectedOutcome, type QueueState, type Scenario } from '../simulation/scenario.js';
import { localTimeOf } from '../simulation/local-time.js';
import { tracePath, type CallTrace, type TraceVisit } from './call-trace.js';
import type { TraceEvent } from './visit-detail.js';

/** How a trace becomes a scenario: its name, the caller number to use, and the zone its local time is written in. */
export interface TraceScenarioOptions {
  name: string;
  /** The number the scenario calls from (the real one, or a stand-in for viewers who may not see it). */
  caller: string;
  /** IANA zone of the scenario's local time (the flow's schedule zone, so the schedule decides as it did). */
  timezone: string;
  /** The number dialled; the call's address when absent (a `route:` address gives `1000`). */
  dialled?: string;
}

/** Why a trace cannot become a scenario. */
export type TraceScenarioRefusal = { kind: 'noFlow' } | { kind: 'notAFlowOutcome'; outcome: string } | { kind: 'noVisits' };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const isExpected = (outcome: string): outcome is ExpectedOutcome => (EXPECTED_OUTCOMES as readonly string[]).includes(outcome);

/** The queue as the call met it: its status when joining, when (if ever) an agent answered, how long they talked. */
function queueStateOf(visit: TraceVisit, events: readonly TraceEvent[], talkMs: number | null): QueueState {
  const state = QueueStateSchema.parse({});
  const status = events.find((e) => e.type === 'queueStatus');
  const joinedAt = status?.at ?? visit.enteredAt;
  if (status) Object.assign(state, { callersWaiting: status.callersWaiting, agentsLoggedIn: status.agentsLoggedIn, agentsAvailable: status.agentsAvailable, estimatedWaitSeconds: status.estimatedWaitSeconds });
  const answered = events.find((e) => e.type === 'queueAnswered');
  const exit = events.find((e) => e.type === 'queueExit');
  if (answered) {
    state.agentAnswersAfterSeconds = Math.max(0, Math.round((answered.at - joinedAt) / 1000));
    state.agentsLoggedIn = Math.max(1, state.agentsLoggedIn);
    state.agentsAvailable = Math.max(1, state.agentsAvailable);
    const talk = talkMs ?? (exit ? exit.at - answered.at : null);
    if (talk !== null) state.talkSeconds = Math.max(0, Math.round(talk / 1000));
  }
  return state;
}

/**
 * A real call as a saved scenario, so it becomes a test: the caller (as given), the time it came in (in
 * `timezone`), the call id (percentage splits pick their branch from it), what the caller did in order (keys,
 * silence, waits in queues, hanging up), how queues, transfers and callbacks answered, and as expectations the
 * path it took and how it ended. Pure; the caller checks that the scenario passes against the version the call ran.
 */
export function scenarioFromTrace(trace: CallTrace, options: TraceScenarioOptions): Scenario | TraceScenarioRefusal {
  if (trace.flowName === null) return { kind: 'noFlow' };
  if (trace.visits.length === 0) return { kind: 'noVisits' };
  const outcome = trace.outcome ?? 'inProgress';
  if (!isExpected(outcome)) return { kind: 'notAFlowOutcome', outcome };

  const script: CallerAction[] = [];
  const queues: Record<string, QueueState> = {};
  let queue: QueueState = QueueStateSchema.parse({});
  const transfer = { result: 'answered' as 'answered' | 'busy' | 'noAnswer' | 'failed', ringSeconds: 5 };
  const callback = { result: 'booked' as 'booked' | 'alreadyScheduled' | 'error' };

  for (const visit of trace.visits) {
    const events = visit.detail?.events ?? [];
    /** The caller stays on the line at this step until `at` (queues and timers wait for the caller's patience). */
    const waitUntil = (at: number) => {
      if (at > visit.enteredAt) script.push({ action: 'wait', seconds: seconds(at - visit.enteredAt) });
    };
    if (visit.nodeType === 'queue') {
      const state = queueStateOf(visit, events, trace.queue?.talkMs ?? null);
      queue = state;
      if (trace.queue?.queue) queues[trace.queue.queue] = state;
    }
    for (const event of events) {
      switch (event.type) {
        case 'digits':
          script.push({ action: 'press', digits: event.digits });
          break;
        case 'noInput':
          script.push({ action: 'silence' });
          break;
        case 'hangup':
          if (visit.nodeType === 'queue' || visit.nodeType === 'transfer') waitUntil(event.at);
          script.push({ action: 'hangUp' });
          break;
        case 'queueExit':
          // The agent call has ended, the wait timed out, or the caller left by a key: stay until then.
          waitUntil(event.at + (event.reason === 'answered' ? 1000 : 0));
          if (event.reason === 'exitKey' && event.detail) script.push({ action: 'press', digits: event.detail });
          break;
        case 'transferResult':
          transfer.result = event.result === 'busy' || event.result === 'noAnswer' || event.result === 'failed' ? event.result : 'answered';
          // The simulated switch answers a transfer on its own after the ringing: no wait in the script.
          transfer.ringSeconds = Math.min(600, Math.max(0, Math.round((event.at - visit.enteredAt) / 1000)));
          break;
        case 'callbackResult':
          callback.result = event.ok ? 'booked' : event.reason === 'alreadyScheduled' ? 'alreadyScheduled' : 'error';
          break;
        case 'timer':
          waitUntil(event.at);
          break;
        case 'queueStatus':
        case 'queueAnswered':
        case 'httpResult':
        case 'voicemailFinished':
        case 'effectFailed':
          break;
        default:
          return assertNever(event);
      }
    }
  }

  const dialled = options.dialled ?? (trace.address.startsWith('route:') ? '1000' : trace.address);
  return {
    name: options.name,
    description: `From call ${trace.callId} (${new Date(trace.startedAt).toISOString()}, ${trace.environment}${trace.versionNumber === null ? '' : `, v${trace.versionNumber}`}).`,
    call: {
      callId: trace.callId.slice(0, 100),
      caller: options.caller,
      dialled: dialled.slice(0, 40),
      localTime: localTimeOf(trace.startedAt, options.timezone),
      timezone: options.timezone,
      channel: {},
      flags: {},
    },
    script: script.slice(0, 500),
    queue,
    queues,
    transfer,
    callback,
    http: [],
    expect: { visits: tracePath(trace).slice(0, 500), outcome, heard: [] },
  };
}

function assertNever(value: never): never {
  throw new Error(`unexpected trace event ${JSON.stringify(value)}`);
}

/** The refusal in one English sentence (API errors use it). */
export function describeTraceRefusal(refusal: TraceScenarioRefusal): string {
  switch (refusal.kind) {
    case 'noFlow':
      return 'the call ran no flow (it went to the fallback), so there is nothing to test';
    case 'noVisits':
      return 'the call has no recorded steps';
    case 'notAFlowOutcome':
      return `the call ended "${refusal.outcome}", which the runtime decided, not the flow (a scenario can only expect a flow's outcome)`;
    default:
      return assertNever(refusal);
  }
}
