import type { CallOutcome, Effect } from '../interpreter/effects.js';
import type { CallEvent } from '../interpreter/events.js';
import { start, step } from '../interpreter/interpreter.js';
import { mainFlow, type Runnable } from '../interpreter/program.js';
import type { CallState } from '../interpreter/state.js';
import { surveyCallbackFlow } from '../nodes/survey.js';
import type { AgendaItem } from './agenda.js';
import { epochOfLocalTime } from './local-time.js';
import type { CallerAction, SimulationInputs } from './scenario.js';
import { SimulatedSwitch, type KeyResult } from './simulated-switch.js';
import { promptsHeard, visitsOf, type InterpreterStep, type TranscriptEntry } from './transcript.js';

/** A runaway guard: more events than this in one `runToInput` means the flow never waits for the caller. */
const MAX_EVENTS_PER_RUN = 10_000;

/**
 * A test call on the virtual clock: the real interpreter (`start`/`step`) with a {@link SimulatedSwitch} as its
 * edge. Steppable for the designer's panel (press, stay silent, hang up, let time pass, step or run to the next
 * input) and driven by scripts for saved scenarios. No timers and no clock: time only moves when events happen
 * or the caller waits.
 */
export class Simulation {
  readonly transcript: TranscriptEntry[] = [];
  /** Each interpreter event and the effects it produced, in order (golden traces are made from these). */
  readonly steps: InterpreterStep[] = [];
  /** What the caller did, as a scenario script: replaying it gives the same call. */
  readonly actions: CallerAction[] = [];
  readonly startedAt: number;
  private readonly edge: SimulatedSwitch;
  private stateValue: CallState;
  private nowValue: number;
  /** The last press left an entry open: the next keys belong to the same action. */
  private entryOpen = false;

  private constructor(
    readonly runnable: Runnable,
    readonly inputs: SimulationInputs,
    startedAt: number,
  ) {
    this.startedAt = startedAt;
    this.nowValue = startedAt;
    this.edge = new SimulatedSwitch(inputs);
    const call = inputs.call;
    const first = start(runnable, {
      callId: call.callId,
      caller: call.caller,
      dialled: call.dialled,
      at: startedAt,
      channel: call.channel,
      flags: call.flags,
      ...(call.incident ? { incident: { id: 'simulated', mode: call.incident.mode, announcement: call.incident.announcement } } : {}),
      ...(call.language === undefined ? {} : { language: call.language }),
    });
    this.stateValue = first.state;
    this.record(null, first.effects);
  }

  /** Starts a test call, or explains why it cannot start (a date or time zone that does not exist). */
  static start(runnable: Runnable, inputs: SimulationInputs): Simulation | { error: string } {
    const at = epochOfLocalTime(inputs.call.localTime, inputs.call.timezone);
    if (at === null) return { error: `${inputs.call.localTime} is not a valid time in ${inputs.call.timezone}` };
    return new Simulation(runnable, inputs, at);
  }

  /**
   * The survey call-backs this call booked, each as the test call the switch places `delayMs` after this call
   * ended, the callee answering: the survey's questions in the caller's language (their ratings count for this call).
   * `laterByMs`: the callee answers a later attempt, that much after the first was due (see survey-call-back.ts).
   */
  surveyCallBacks(laterByMs = 0): Simulation[] {
    const endedAt = this.nowValue;
    return this.edge.surveyCallbacks.map((booked, index) => {
      const { incident: _incident, ...call } = this.inputs.call;
      const callee = { ...call, callId: `${call.callId}-survey-${index + 1}`, caller: booked.number, dialled: booked.number, language: booked.survey.language };
      return new Simulation(surveyCallbackFlow(booked.survey), { ...this.inputs, call: callee }, endedAt + booked.delayMs + laterByMs);
    });
  }

  get state(): CallState {
    return this.stateValue;
  }

  /** The virtual clock (epoch milliseconds). */
  get now(): number {
    return this.nowValue;
  }

  get ended(): boolean {
    return this.stateValue.status === 'ended';
  }

  get outcome(): CallOutcome | null {
    return this.ended ? this.stateValue.outcome : null;
  }

  get mainFlowName(): string {
    return mainFlow(this.runnable)?.name ?? '';
  }

  /** Where the call is: the flow and node it is in. */
  get activeNode(): { flow: string; nodeId: string } | null {
    const frame = this.stateValue.stack[this.stateValue.stack.length - 1];
    return frame ? { flow: frame.flow, nodeId: frame.nodeId } : null;
  }

  /** What the call waits for from the caller: keys or a queue (which may have exit keys); null otherwise. */
  get waitingFor(): 'digits' | 'queue' | null {
    return this.edge.waitingFor;
  }

  /** The next thing due on the virtual clock. */
  get next(): Readonly<AgendaItem> | undefined {
    return this.edge.agenda.peek();
  }

  visits(): string[] {
    return visitsOf(this.effects(), this.mainFlowName);
  }

  heard(): string[] {
    return promptsHeard(this.effects());
  }

  effects(): Effect[] {
    return this.steps.flatMap((s) => s.effects);
  }

  /** Processes the next event on the agenda, whatever it is (the panel's "step"). False when there is none. */
  step(): boolean {
    const item = this.edge.agenda.peek();
    if (!item || this.ended) return false;
    if (item.kind === 'patience' && item.at > this.nowValue) this.recordAction({ action: 'wait', seconds: (item.at - this.nowValue) / 1000 });
    this.fire();
    return true;
  }

  /** Runs what happens on its own (prompts play, services answer) until the call needs the caller or time. */
  runToInput(): number {
    let count = 0;
    while (!this.ended && this.edge.agenda.peek()?.kind === 'automatic' && count < MAX_EVENTS_PER_RUN) {
      this.fire();
      count++;
    }
    return count;
  }

  /** The caller presses keys, once the prompts they are listening to have played. */
  press(digits: string): KeyResult | { kind: 'ended' } {
    this.runToInput();
    if (this.ended) return { kind: 'ended' };
    const listeningFrom = this.edge.listeningFrom;
    if (listeningFrom !== null && listeningFrom > this.nowValue) this.runUntil(listeningFrom);
    if (this.ended) return { kind: 'ended' };
    const result = this.edge.press(digits, this.nowValue);
    if (result.kind === 'ignored') {
      this.transcript.push({ kind: 'keysIgnored', at: this.nowValue, keys: digits, why: result.why });
      return result;
    }
    this.recordAction({ action: 'press', digits });
    this.transcript.push({ kind: 'caller', at: this.nowValue, action: { action: 'press', digits } });
    if (result.kind === 'collecting') this.transcript.push({ kind: 'collecting', at: this.nowValue, entered: result.entered });
    else this.deliver(result.event, 'caller');
    this.entryOpen = result.kind === 'collecting';
    return result;
  }

  /** The caller says nothing until the next thing happens (a no-input timeout, an announcement, a timer). */
  silence(): void {
    this.runToInput();
    if (this.ended || !this.edge.agenda.peek()) return;
    this.recordAction({ action: 'silence' });
    this.transcript.push({ kind: 'caller', at: this.nowValue, action: { action: 'silence' } });
    this.fire();
  }

  hangUp(): void {
    this.runToInput();
    if (this.ended || this.stateValue.callerGone) return;
    this.recordAction({ action: 'hangUp' });
    this.transcript.push({ kind: 'caller', at: this.nowValue, action: { action: 'hangUp' } });
    this.deliver({ type: 'hangup', at: this.nowValue, cause: 'NORMAL_CLEARING' }, 'caller');
  }

  /** The caller stays on the line for `seconds`: everything due meanwhile happens, in time order. */
  advance(seconds: number): void {
    if (this.ended || !(seconds > 0)) return;
    this.recordAction({ action: 'wait', seconds });
    this.runUntil(this.nowValue + seconds * 1000);
  }

  /** Carries out one scripted caller action. */
  perform(action: CallerAction): KeyResult | { kind: 'ended' } | null {
    switch (action.action) {
      case 'press':
        return this.press(action.digits);
      case 'silence':
        this.silence();
        return null;
      case 'hangUp':
        this.hangUp();
        return null;
      case 'wait':
        this.advance(action.seconds);
        return null;
      default:
        return null;
    }
  }

  private runUntil(target: number): void {
    let count = 0;
    while (!this.ended && count++ < MAX_EVENTS_PER_RUN) {
      const item = this.edge.agenda.peek();
      if (!item || item.at > target) break;
      this.fire();
    }
    if (!this.ended) this.nowValue = Math.max(this.nowValue, target);
  }

  private fire(): void {
    const item = this.edge.agenda.shift();
    if (!item) return;
    const next = this.edge.nextPositionReport(item);
    if (next) this.edge.agenda.add(next);
    this.deliver(item.event, 'switch');
  }

  private deliver(event: CallEvent, from: 'caller' | 'switch'): void {
    this.nowValue = Math.max(this.nowValue, event.at);
    this.transcript.push({ kind: 'event', at: this.nowValue, from, event });
    const result = step(this.runnable, this.stateValue, event);
    this.stateValue = result.state;
    this.record(event, result.effects);
  }

  private record(event: CallEvent | null, effects: Effect[]): void {
    this.steps.push({ event, effects });
    for (const effect of effects) {
      this.transcript.push({ kind: 'effect', at: this.nowValue, effect });
      this.edge.handle(effect, this.nowValue);
    }
    this.edge.sync(this.stateValue.pending?.seq ?? null, this.ended);
  }

  /** Keeps the script short: keys of one entry are one press, consecutive waits one wait. */
  private recordAction(action: CallerAction): void {
    const last = this.actions[this.actions.length - 1];
    if (action.action === 'press' && last?.action === 'press' && this.entryOpen) {
      last.digits += action.digits;
      return;
    }
    this.entryOpen = false;
    if (action.action === 'wait' && last?.action === 'wait') {
      last.seconds = Math.round((last.seconds + action.seconds) * 1000) / 1000;
      return;
    }
    this.actions.push(action.action === 'wait' ? { action: 'wait', seconds: Math.round(action.seconds * 1000) / 1000 } : { ...action });
  }
}
