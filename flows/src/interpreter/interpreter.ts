import type { VariableDeclaration, VariableValue } from '../document/common.js';
import type { CompiledFlow, CompiledNode } from '../compiler/compiled.js';
import { nodeDefinition } from '../nodes/registry.js';
import type { NodeOutcome, RuntimeNode } from '../nodes/types.js';
import { assertNever } from '../util/assert-never.js';
import { StepContextImpl, type StepClock } from './context.js';
import type { CallOutcome, Effect, NodeExit } from './effects.js';
import type { CallEvent, CallStart } from './events.js';
import { INCIDENT_ANNOUNCEMENT, INCIDENT_EMERGENCY_FLAG, incidentAnnouncement } from './incident.js';
import { calendarByName, flowByName, mainFlow, type Runnable } from './program.js';
import { because, sayIfKnown, type Because, type Said } from './reasons.js';
import type { CallState, Frame } from './state.js';

/** Limits that stop runaway flows with a clean hangup instead of an exception or a spinning process. */
export interface InterpreterLimits {
  /** Node entries allowed while handling one event (an automatic loop with no caller input). */
  maxStepsPerEvent: number;
  /** Node entries allowed over the whole call. */
  maxStepsPerCall: number;
  /**
   * Sub-flow calls that may be nested inside each other (the main flow is depth 0). A deeper call takes the Sub-flow
   * node's `failed` outlet, or ends the call, so a cycle of sub-flows that slipped past the linter cannot pile up
   * frames for the rest of a call.
   */
  maxSubflowDepth: number;
}

export const DEFAULT_LIMITS: InterpreterLimits = { maxStepsPerEvent: 1000, maxStepsPerCall: 10000, maxSubflowDepth: 8 };

export interface StepResult {
  state: CallState;
  effects: Effect[];
}

function initialValue(variable: VariableDeclaration): VariableValue {
  if (variable.initial !== undefined) return variable.initial;
  switch (variable.type) {
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    default:
      return assertNever(variable.type, 'variable type');
  }
}

function initialVars(flow: CompiledFlow | undefined): Record<string, VariableValue> {
  const vars: Record<string, VariableValue> = {};
  for (const variable of flow?.variables ?? []) vars[variable.name] = initialValue(variable);
  return vars;
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Effects the caller hears or that connect them somewhere: the call is answered just before the first of them. */
const MEDIA: ReadonlySet<Effect['kind']> = new Set(['play', 'collectDigits', 'announce', 'enqueue', 'transfer', 'voicemail']);

/** Outcomes that say no more than "the call is over": a more telling outcome recorded earlier wins over them. */
const PLAIN_ENDINGS: ReadonlySet<CallOutcome> = new Set(['selfServed', 'callerHungUp', 'unresolvedInIvr']);

/** Where the call came from when entering a node: the outlet of the node visited last, and why. */
interface Origin extends NodeExit {
  /** The node whose outlet it is, when not the node visited last (a sub-flow node after its sub-flow returned). */
  outletOf?: string;
}

/** The exit as effects carry it: without the interpreter's own `outletOf`. */
function exitOf(origin: Origin): NodeExit {
  return { nodeId: origin.nodeId, outlet: origin.outlet, reason: origin.reason, ...(origin.said ? { said: origin.said } : {}) };
}

/** Words for the visit record: the event that made a node leave by an outlet. */
function describeEvent(event: CallEvent): Because {
  switch (event.type) {
    case 'digits':
      return because('event.pressed', { digits: event.digits });
    case 'noInput':
      return because('event.noInput');
    case 'promptFinished':
      return because('event.promptFinished');
    case 'queueStatus':
      return because('event.queueStatus', { waiting: event.callersWaiting, available: event.agentsAvailable, loggedIn: event.agentsLoggedIn });
    case 'queueUpdate':
      return because('event.queuePosition', { position: event.position });
    case 'queueAnswered':
      return event.agent ? because('event.agentAnswered', { agent: event.agent }) : because('event.someAgentAnswered');
    case 'queueExit': {
      // A reason from a newer switch integration is said as it came.
      const reason = sayIfKnown(`queueExit.${event.reason}`, event.reason);
      return event.detail ? because('event.queueExitDetail', { reason, detail: event.detail }) : because('event.queueExit', { reason });
    }
    case 'transferResult': {
      const result = sayIfKnown(`transfer.${event.result}`, event.result);
      return event.cause ? because('event.transferCause', { result, cause: event.cause }) : because('event.transfer', { result });
    }
    case 'httpResult':
      return event.error !== undefined ? because('event.httpError', { error: event.error }) : event.status !== undefined ? because('event.httpStatus', { status: event.status }) : because('event.httpNoStatus');
    case 'callbackResult': {
      if (event.ok) return because('event.callbackBooked');
      const reason = sayIfKnown(`callback.${event.reason ?? 'error'}`, event.reason ?? 'error');
      return event.error ? because('event.callbackNotBookedError', { reason, error: event.error }) : because('event.callbackNotBooked', { reason });
    }
    case 'voicemailFinished':
      return because('event.voicemailFinished');
    case 'timer':
      return because('event.timer', { name: event.name });
    case 'effectFailed':
      return because('event.failed', { message: event.message });
    case 'hangup':
      return event.failure ? because('event.hangupFailure', { failure: event.failure }) : because('event.hangup');
    default: {
      // Events come from the edge: an unknown type must not make `step` throw.
      const unknown: never = event;
      return because('event.unknown', { type: String((unknown as { type?: unknown }).type) });
    }
  }
}

/** Which effects make the call wait for an answer, and so carry the `seq` the answer must echo. */
const AWAITED: ReadonlySet<Effect['kind']> = new Set(['play', 'collectDigits', 'queueStatus', 'enqueue', 'transfer', 'scheduleCallback', 'scheduleSurveyCallback', 'httpRequest', 'voicemail']);

/** Mutable working copy of one step; the input state is never modified. */
class Run {
  readonly effects: Effect[] = [];
  private stepsThisEvent = 0;

  constructor(
    readonly runnable: Runnable,
    readonly state: CallState,
    readonly now: number,
    readonly limits: InterpreterLimits,
    /** The previous state's `vars`, shared until a node writes a variable. */
    private readonly sharedVars: CallState['vars'] | null = null,
  ) {
    this.clock = { now, read: false };
  }

  /** The step's time as node modules see it; `read` once one of them decided by it. */
  readonly clock: StepClock;

  /** Calendars by name from the program the call runs (pinned at its start). */
  private readonly calendarLookup = (name: string) => calendarByName(this.runnable, name);

  /** The event being handled (null while starting the call): the default reason for an outlet taken. */
  event: CallEvent | null = null;

  private currentFlow(): CompiledFlow | undefined {
    const frame = this.state.stack[this.state.stack.length - 1];
    return frame ? flowByName(this.runnable, frame.flow) : undefined;
  }

  private context(flow: CompiledFlow): StepContextImpl {
    const ctx = new StepContextImpl(this.state, this.clock, flow, this.effects, this.calendarLookup);
    ctx.sharedVars = this.sharedVars;
    return ctx;
  }

  /** End the call: optional hangup, then the `end` record. */
  end(outcome: CallOutcome, why: Because | string, nodeId: string | null, hangup: boolean, lastExit: NodeExit | null = null): void {
    const { reason, said } = typeof why === 'string' ? { reason: why, said: undefined } : why;
    const state = this.state;
    if (hangup && !state.callerGone) {
      this.effects.push({ kind: 'hangup', cause: outcome === 'error' ? 'NORMAL_TEMPORARY_FAILURE' : 'NORMAL_CLEARING', reason });
    }
    let finalOutcome = outcome;
    // Keep the more telling outcome recorded earlier (e.g. answeredFromQueue before a final hangup node).
    if (state.outcome !== null && PLAIN_ENDINGS.has(outcome)) finalOutcome = state.outcome;
    // Hung up on right after the retries ran out: the flow ended the call, but the caller was not served.
    else if (outcome === 'selfServed' && state.inputFailed) finalOutcome = 'unresolvedInIvr';
    state.outcome = finalOutcome;
    state.status = 'ended';
    state.pending = null;
    const frame = state.stack[state.stack.length - 1];
    const exit = lastExit === null ? null : exitOf(lastExit);
    this.effects.push({ kind: 'end', outcome: finalOutcome, flow: frame?.flow ?? '', nodeId, at: this.now, reason, ...(said ? { said } : {}), lastExit: exit });
  }

  /** Enter `nodeId` in the current flow and keep going until the call waits or ends. */
  enter(nodeId: string | null, from: Origin | null): void {
    let target = nodeId;
    let origin = from;
    for (;;) {
      const flow = this.currentFlow();
      const frame = this.state.stack[this.state.stack.length - 1];
      if (!flow || !frame) return this.end('error', because('end.subflowUnavailable'), null, true);
      if (target === null) {
        const unconnected = origin ? because('end.outletNotConnected', { outlet: origin.outlet, node: origin.outletOf ?? origin.nodeId }) : because('end.entryNotConnected');
        return this.end('error', unconnected, origin?.nodeId ?? null, true, origin);
      }
      const compiled: CompiledNode | undefined = flow.nodes[target];
      if (!compiled) return this.end('error', because('end.missingNode', { node: target, flow: flow.name }), target, true);

      this.stepsThisEvent++;
      this.state.steps++;
      if (this.stepsThisEvent > this.limits.maxStepsPerEvent || this.state.steps > this.limits.maxStepsPerCall) {
        const exceeded = this.stepsThisEvent > this.limits.maxStepsPerEvent ? because('end.stepBudgetEvent', { limit: this.limits.maxStepsPerEvent }) : because('end.stepBudgetCall', { limit: this.limits.maxStepsPerCall });
        return this.end('error', exceeded, target, true);
      }
      frame.nodeId = target;
      const arrivedFrom = origin === null ? null : exitOf(origin);
      this.effects.push({ kind: 'visit', flow: flow.name, nodeId: target, nodeType: compiled.type, at: this.now, arrivedFrom });

      const definition = nodeDefinition(compiled.type);
      if (!definition) return this.end('error', because('end.unknownType', { type: compiled.type }), target, true);
      if (this.state.callerGone && definition.callerFacing) {
        return this.end('callerHungUp', because('end.callerHungUp'), target, false);
      }
      const node: RuntimeNode<unknown> = { id: target, type: compiled.type, config: compiled.config, next: compiled.next };
      let outcome: NodeOutcome;
      try {
        // The start node of a sub-flow must not answer again.
        outcome = compiled.type === 'start' && this.state.stack.length > 1 ? { kind: 'next', outlet: 'next' } : definition.enter(node, this.context(flow));
      } catch (error) {
        return this.end('error', because('end.nodeFailed', { node: target, error: error instanceof Error ? error.message : String(error) }), target, true);
      }
      const after = this.apply(outcome, target, compiled, false);
      if (after === 'stop') return;
      target = after.target;
      origin = after.origin;
    }
  }

  /**
   * Carry out what a node asked for. Returns where to go next, or 'stop' when the call waits or ended. `resumed`:
   * the node is the one the event was for (not one entered automatically after it in the same step).
   */
  apply(outcome: NodeOutcome, nodeId: string, compiled: CompiledNode, resumed: boolean): 'stop' | { target: string | null; origin: Origin } {
    switch (outcome.kind) {
      case 'next': {
        if (outcome.effects) this.effects.push(...outcome.effects);
        // A hang-up right after failed input is not self-service; only a key the waiting node accepted clears it
        // (a condition or set-variable entered after the failed key in the same step must not).
        const event = resumed ? this.event : null;
        if (outcome.inputFailed) this.state.inputFailed = true;
        else if (event?.type === 'digits') this.state.inputFailed = false;
        const target = Object.prototype.hasOwnProperty.call(compiled.next, outcome.outlet) ? (compiled.next[outcome.outlet] ?? null) : null;
        const why: { reason: string; said?: Said } =
          outcome.reason !== undefined ? { reason: outcome.reason, ...(outcome.said ? { said: outcome.said } : {}) } : event === null ? because('took', { outlet: outcome.outlet }) : describeEvent(event);
        return { target, origin: { nodeId, outlet: outcome.outlet, ...why } };
      }
      case 'wait': {
        // A node that keeps waiting for the same answer (e.g. a queue playing a position announcement) keeps its
        // seq, so the runtime's later events for the awaited effect are not mistaken for stale ones.
        const current = this.state.pending;
        const keep = current !== null && current.nodeId === nodeId && !outcome.effects.some((effect) => AWAITED.has(effect.kind));
        const seq = keep ? current.seq : this.state.seq + 1;
        this.state.seq = Math.max(this.state.seq, seq);
        for (const effect of outcome.effects) {
          // Node modules build fresh effect objects on every step, so stamping in place is safe and cheap.
          if (AWAITED.has(effect.kind)) (effect as { seq?: number }).seq = seq;
          this.effects.push(effect);
        }
        this.state.pending = { seq, nodeId, local: outcome.local };
        this.state.status = 'waiting';
        return 'stop';
      }
      case 'ignore':
        return 'stop';
      case 'end':
        this.effects.push(...outcome.effects);
        this.end(outcome.outcome, outcome.said ? { reason: outcome.reason, said: outcome.said } : outcome.reason, nodeId, false);
        return 'stop';
      case 'call': {
        const callee = flowByName(this.runnable, outcome.flow);
        if (!callee) {
          const target = compiled.next['failed'] ?? null;
          const unavailable = because('subflow.unavailable', { flow: outcome.flow });
          if (target !== null) return { target, origin: { nodeId, outlet: 'failed', ...unavailable } };
          this.end('error', unavailable, nodeId, true);
          return 'stop';
        }
        if (this.state.stack.length - 1 >= this.limits.maxSubflowDepth) return this.refuseSubflow(callee.name, nodeId, compiled);
        this.effects.push({ kind: 'enterSubflow', flow: callee.name });
        // Variables are per flow: the callee starts from its own initial values; the caller's wait on the frame.
        this.state.stack = [...this.state.stack, { flow: callee.name, nodeId: callee.entry, callerVars: this.state.vars }];
        this.state.vars = initialVars(callee);
        return { target: callee.entry, origin: { nodeId, outlet: 'call', ...because('subflow.calls', { flow: callee.name }) } };
      }
      case 'return': {
        const stack = this.state.stack;
        if (stack.length <= 1) {
          this.end('selfServed', because('subflow.returnedToNobody', { outcome: outcome.outcome }), nodeId, true);
          return 'stop';
        }
        const finished = stack[stack.length - 1] as Frame;
        this.state.stack = stack.slice(0, -1).map((f) => ({ ...f }));
        // A copy: the saved object may belong to an earlier state, which must never change.
        if (finished.callerVars) this.state.vars = { ...finished.callerVars };
        this.effects.push({ kind: 'exitSubflow', flow: finished.flow, outcome: outcome.outcome });
        const caller = this.state.stack[this.state.stack.length - 1] as { flow: string; nodeId: string };
        const callerNode = this.currentFlow()?.nodes[caller.nodeId];
        const next = callerNode?.next ?? {};
        const outlet = Object.prototype.hasOwnProperty.call(next, outcome.outcome) ? outcome.outcome : 'failed';
        // The visit left is the return node's; the outlet taken is the sub-flow node's.
        return { target: next[outlet] ?? null, origin: { nodeId, outlet, ...because('subflow.returned', { flow: finished.flow, outcome: outcome.outcome }), outletOf: caller.nodeId } };
      }
      default:
        return assertNever(outcome, 'node outcome');
    }
  }

  /** The incident announcement played (or could not be played): the flow starts at its entry node. */
  private afterIncidentAnnouncement(event: CallEvent, flow: CompiledFlow): void {
    if (event.type === 'hangup') return this.end('callerHungUp', because('end.hungUpInAnnouncement'), null, false);
    if (event.type !== 'promptFinished' && event.type !== 'digits' && event.type !== 'effectFailed') return;
    this.state.pending = null;
    this.state.status = 'running';
    this.event = null;
    const from = this.effects.length;
    this.enter(flow.entry, null);
    // The call was answered for the announcement; the start node's own answer is not sent twice.
    for (let index = this.effects.length - 1; index >= from; index--) {
      if (this.effects[index]?.kind === 'answer') this.effects.splice(index, 1);
    }
  }

  /** A Sub-flow call nested too deep: say so, then the node's `failed` outlet, or end the call when it has none. */
  private refuseSubflow(flow: string, nodeId: string, compiled: CompiledNode): 'stop' | { target: string; origin: Origin } {
    const limit = this.limits.maxSubflowDepth;
    const chain = [...this.state.stack.map((frame) => frame.flow), flow];
    const target = compiled.next['failed'] ?? null;
    const reason =
      `sub-flow "${flow}" not started: sub-flow calls nested ${limit} deep (${chain.join(' → ')}); ` +
      (target !== null ? `continuing by the failed outlet of node ${nodeId}` : `node ${nodeId} has no failed outlet, so the call ends`);
    this.effects.push({ kind: 'subflowRefused', flow, limit, chain, reason });
    if (target !== null) return { target, origin: { nodeId, outlet: 'failed', ...because('subflow.tooDeep', { flow, limit }) } };
    this.end('error', because('end.subflowTooDeep', { flow, limit, chain: chain.join(' → '), node: nodeId }), nodeId, true);
    return 'stop';
  }

  /** Hand an event to the node the call is waiting on. */
  resume(event: CallEvent): void {
    this.event = event;
    const pending = this.state.pending;
    const flow = this.currentFlow();
    if (!pending || !flow) return;
    if (pending.nodeId === INCIDENT_ANNOUNCEMENT) return this.afterIncidentAnnouncement(event, flow);
    const compiled = flow.nodes[pending.nodeId];
    const definition = compiled ? nodeDefinition(compiled.type) : undefined;
    if (!compiled || !definition) return this.end('error', because('end.waitingOnMissing', { node: pending.nodeId }), pending.nodeId, true);

    let outcome: NodeOutcome = { kind: 'ignore' };
    if (definition.resume) {
      const node: RuntimeNode<unknown> = { id: pending.nodeId, type: compiled.type, config: compiled.config, next: compiled.next };
      try {
        outcome = definition.resume(node, pending.local, event, this.context(flow));
      } catch (error) {
        return this.end('error', because('end.nodeFailed', { node: pending.nodeId, error: error instanceof Error ? error.message : String(error) }), pending.nodeId, true);
      }
    }
    if (event.type === 'hangup' && outcome.kind === 'ignore') {
      return this.end('callerHungUp', because('end.callerHungUp'), pending.nodeId, false);
    }
    if (outcome.kind !== 'ignore' && outcome.kind !== 'wait') {
      this.state.pending = null;
      this.state.status = 'running';
    }
    const after = this.apply(outcome, pending.nodeId, compiled, true);
    if (after !== 'stop') this.enter(after.target, after.origin);
  }
}

function freshCopy(state: CallState): CallState {
  // Spelled out rather than spread: one object shape on the hot path (the type checker flags a forgotten field).
  // `vars` is copied on first write (StepContextImpl); `call` never changes after start.
  const stack: CallState['stack'] = [];
  for (const frame of state.stack) {
    stack.push(frame.callerVars === undefined ? { flow: frame.flow, nodeId: frame.nodeId } : { flow: frame.flow, nodeId: frame.nodeId, callerVars: frame.callerVars });
  }
  return {
    v: 1,
    callId: state.callId,
    status: state.status,
    stack,
    pending: state.pending,
    seq: state.seq,
    vars: state.vars,
    call: state.call,
    now: state.now,
    steps: state.steps,
    lastQueue: state.lastQueue,
    callerGone: state.callerGone,
    outcome: state.outcome,
    reachedAgent: state.reachedAgent,
    answer: state.answer,
    inputFailed: state.inputFailed,
  };
}

/**
 * Answers lazily: an `answer` asked for (by the start node) is held back and sent just before the first effect
 * the caller hears, so a caller turned away before that (a blocked number) is rejected without being answered
 * and without paying for the call. Updates `state.answer`; returns `effects` itself when nothing moves.
 */
function answerBeforeMedia(state: CallState, effects: Effect[]): Effect[] {
  if (state.answer === 'done') return effects;
  let placed: Effect[] | null = null;
  for (let index = 0; index < effects.length; index++) {
    const effect = effects[index] as Effect;
    if (effect.kind === 'answer') {
      placed ??= effects.slice(0, index);
      state.answer = 'due';
      continue;
    }
    if (state.answer === 'due' && MEDIA.has(effect.kind)) {
      placed ??= effects.slice(0, index);
      placed.push({ kind: 'answer' });
      state.answer = 'done';
    }
    placed?.push(effect);
  }
  return placed ?? effects;
}

/**
 * Start a call: the initial state and the first effects (answer, first prompt…). Pure and deterministic.
 */
export function start(runnable: Runnable, call: CallStart, limits: InterpreterLimits = DEFAULT_LIMITS): StepResult {
  const flow = mainFlow(runnable);
  const at = finiteOr(call.at, 0);
  const languages = flow?.languages ?? ['en'];
  const language = call.language !== undefined && languages.includes(call.language) ? call.language : (languages[0] ?? 'en');
  const vars = initialVars(flow);
  const incident = call.incident;
  const flags: Record<string, boolean> = { ...(call.flags ?? {}) };
  if (incident?.mode === 'emergency') flags[INCIDENT_EMERGENCY_FLAG] = true;
  const state: CallState = {
    v: 1,
    callId: String(call.callId),
    status: 'running',
    stack: [{ flow: flow?.name ?? '', nodeId: flow?.entry ?? '' }],
    pending: null,
    seq: 0,
    vars,
    call: {
      caller: String(call.caller ?? ''),
      dialled: String(call.dialled ?? ''),
      language,
      channel: { ...(call.channel ?? {}) },
      flags,
      startedAt: at,
      ...(incident ? { incident: { id: String(incident.id), mode: incident.mode } } : {}),
    },
    now: at,
    steps: 0,
    lastQueue: null,
    callerGone: false,
    outcome: null,
    reachedAgent: false,
    answer: 'notRequested',
    inputFailed: false,
  };
  const run = new Run(runnable, state, at, limits);
  const announcement = flow && incident ? incidentAnnouncement(incident, language, languages) : null;
  if (!flow) run.end('error', because('end.flowUnavailable'), null, true);
  else if (announcement) {
    // Answer, play the incident's announcement, and enter the flow once it has played (afterIncidentAnnouncement).
    state.seq = 1;
    state.pending = { seq: 1, nodeId: INCIDENT_ANNOUNCEMENT, local: null };
    state.status = 'waiting';
    run.effects.push({ kind: 'answer' }, { kind: 'play', prompt: announcement, bargeIn: false, seq: 1 });
  } else run.enter(flow.entry, null);
  return { state, effects: answerBeforeMedia(state, run.effects) };
}

/**
 * Advance a call by one event: `step(flow, state, event) → { state, effects }`. Pure: the input state is not
 * modified, no clock is read, nothing is performed. Never throws: a broken flow ends the call with a hangup.
 */
export function step(runnable: Runnable, state: CallState, event: CallEvent, limits: InterpreterLimits = DEFAULT_LIMITS): StepResult {
  return advance(runnable, state, event, limits).result;
}

/** What {@link predictStep} foresees for an event that has not happened yet. */
export interface StepPrediction {
  readonly result: StepResult;
  /**
   * A node decided by the event's time (a schedule, a queue's wait): the real step, at another time, may do
   * otherwise. When false, the real step's effects are these, save for the timestamps they carry.
   */
  readonly timeDependent: boolean;
}

/**
 * `step` for an event expected later (the prompt playing now will finish), run ahead of time so its first command
 * can be ready the moment the event comes. Nothing but the event's time may differ from the real step: the state,
 * the flow and the event are the same values, and the interpreter reads nothing else — so a prediction that is
 * not {@link StepPrediction.timeDependent} is what the real step will do.
 */
export function predictStep(runnable: Runnable, state: CallState, event: CallEvent, limits: InterpreterLimits = DEFAULT_LIMITS): StepPrediction {
  const { result, run } = advance(runnable, state, event, limits);
  return { result, timeDependent: run?.clock.read ?? false };
}

function advance(runnable: Runnable, state: CallState, event: CallEvent, limits: InterpreterLimits): { result: StepResult; run: Run | null } {
  if (state.status === 'ended' || event === null || typeof event !== 'object') return { result: { state, effects: [] }, run: null };
  const pending = state.pending;
  const seq = (event as { seq?: unknown }).seq;
  const stale = event.type !== 'hangup' && event.type !== 'timer' && seq !== undefined && (pending === null || seq !== pending.seq);
  if (stale || (pending === null && event.type !== 'hangup')) return { result: { state, effects: [] }, run: null };

  const now = Math.max(state.now, finiteOr(event.at, state.now));
  const draft = freshCopy(state);
  draft.now = now;
  if (event.type === 'hangup') draft.callerGone = true;
  const run = new Run(runnable, draft, now, limits, state.vars);
  const here = state.stack[state.stack.length - 1]?.nodeId ?? null;
  if (event.type === 'hangup' && typeof event.failure === 'string') run.end('error', because('event.hangupFailure', { failure: event.failure }), pending?.nodeId ?? here, false);
  else if (pending === null) run.end('callerHungUp', because('end.callerHungUp'), here, false);
  else run.resume(event);
  if (run.effects.length === 0 && draft.status === state.status && draft.pending === state.pending) return { result: { state, effects: [] }, run };
  return { result: { state: draft, effects: answerBeforeMedia(draft, run.effects) }, run };
}
