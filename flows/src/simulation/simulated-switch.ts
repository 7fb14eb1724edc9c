import type { Effect, EffectOf } from '../interpreter/effects.js';
import type { CallEvent } from '../interpreter/events.js';
import { assertNever } from '../util/assert-never.js';
import { Agenda, type AgendaItem } from './agenda.js';
import { findHttpMock } from './http-mocks.js';
import type { QueueState, SimulationInputs } from './scenario.js';
import { estimatedSpeakingMs } from './speaking-time.js';

/** How long a simulated caller speaks into a voicemail box before the recording ends. */
export const VOICEMAIL_MESSAGE_MS = 20_000;
/** The queue service's first position report comes this soon after joining. */
export const FIRST_POSITION_REPORT_MS = 1000;
/** The transfer cause FreeSWITCH reports for a destination that cannot be reached. */
const FAILED_TRANSFER_CAUSE = 'NO_ROUTE_DESTINATION';

/** `play_and_get_digits` in progress: its prompts, when they end, and the keys entered so far. */
interface Collection {
  seq: number;
  effect: EffectOf<'collectDigits'>;
  promptsEndAt: number;
  entered: string;
}

interface QueueWait {
  seq: number;
  queue: string;
  joinedAt: number;
  exitKeys: readonly string[];
  state: QueueState;
  /** When an agent picks up (null: nobody will); position reports stop then. */
  answeredAt: number | null;
}

/** What became of keys the caller pressed. */
export type KeyResult = { kind: 'event'; event: CallEvent } | { kind: 'collecting'; entered: string } | { kind: 'ignored'; why: 'nothingListening' | 'notAnExitKey' };

/**
 * The simulated edge: FreeSWITCH, mod_callcenter and the runtime's services as the interpreter sees them. It
 * answers each awaited effect the way the runtime's executors do (see `runtime/src/effects/`), on the virtual
 * clock, from the scenario's inputs: prompts finish after their speaking time, `play_and_get_digits` returns the
 * keys entered (rejected entries too) or no input after its timeout, queues report their state, positions and
 * an agent answering, transfers ring and answer or fail, callbacks are booked, web services answer from mocks.
 */
export class SimulatedSwitch {
  readonly agenda = new Agenda();
  private collection: Collection | null = null;
  private queueWait: QueueWait | null = null;
  private callbacks = 0;

  constructor(private readonly inputs: SimulationInputs) {}

  /** The state of `queue`: its own entry in the scenario, or the scenario's queue state for any queue. */
  queueState(queue: string): QueueState {
    return this.inputs.queues[queue] ?? this.inputs.queue;
  }

  /** When the prompts of the collection in progress end (a caller listens to a menu before pressing). */
  get listeningFrom(): number | null {
    return this.collection?.promptsEndAt ?? null;
  }

  /** What the call waits for from the caller, for the panel. */
  get waitingFor(): 'digits' | 'queue' | null {
    if (this.collection) return 'digits';
    if (this.queueWait) return 'queue';
    return null;
  }

  /** Schedules the answer to one effect, as the switch or a service would give it. */
  handle(effect: Effect, now: number): void {
    switch (effect.kind) {
      case 'play': {
        // The simulated caller listens to announcements to the end (a barge-in key would skip the message and be
        // used up by it, as `playback_terminators=any` does; keys are for the menus that follow).
        const finishesAt = now + estimatedSpeakingMs(effect.prompt);
        this.schedule({ at: finishesAt, kind: 'automatic', event: { type: 'promptFinished', at: finishesAt, seq: effect.seq } });
        return;
      }
      case 'collectDigits': {
        const promptsEndAt = now + effect.prompts.reduce((total, prompt) => total + estimatedSpeakingMs(prompt), 0);
        this.collection = { seq: effect.seq ?? 0, effect, promptsEndAt, entered: '' };
        const at = promptsEndAt + effect.timeoutMs;
        this.schedule({ at, kind: 'patience', event: { type: 'noInput', at, seq: effect.seq } });
        return;
      }
      case 'queueStatus': {
        const state = this.queueState(effect.queue);
        this.schedule({
          at: now,
          kind: 'automatic',
          event: { type: 'queueStatus', at: now, callersWaiting: state.callersWaiting, agentsLoggedIn: state.agentsLoggedIn, agentsAvailable: state.agentsAvailable, estimatedWaitSeconds: state.estimatedWaitSeconds, seq: effect.seq },
        });
        return;
      }
      case 'enqueue':
        return this.join(effect, now);
      case 'leaveQueue':
        // The runtime breaks the callcenter app itself and reports nothing for it.
        this.queueWait = null;
        return;
      case 'startTimer':
        this.schedule({ at: now + effect.afterMs, kind: 'patience', event: { type: 'timer', at: now + effect.afterMs, name: effect.name } });
        return;
      case 'cancelTimer':
        this.agenda.remove((item) => item.event.type === 'timer' && item.event.name === effect.name);
        return;
      case 'transfer':
        return this.transfer(effect, now);
      case 'scheduleCallback':
        return this.bookCallback(effect, now);
      case 'scheduleSurveyCallback':
        return this.bookSurveyCallback(effect, now);
      case 'httpRequest':
        return this.answerHttp(effect, now);
      case 'voicemail': {
        const at = now + (effect.greeting ? estimatedSpeakingMs(effect.greeting) : 0) + VOICEMAIL_MESSAGE_MS;
        this.schedule({ at, kind: 'automatic', event: { type: 'voicemailFinished', at, seq: effect.seq } });
        return;
      }
      case 'visit':
      case 'answer':
      case 'announce':
      case 'setVariable':
      case 'enterSubflow':
      case 'exitSubflow':
      case 'subflowRefused':
      case 'calendarMissing':
      case 'surveyAnswer':
      case 'hangup':
      case 'end':
        return;
      default:
        return assertNever(effect, 'effect');
    }
  }

  /** Keys pressed at `now`: collected by `play_and_get_digits`, or leave a queue by its exit key. */
  press(keys: string, now: number): KeyResult {
    const collection = this.collection;
    if (collection) return this.collect(collection, keys, now);
    const wait = this.queueWait;
    if (wait) {
      const key = [...keys].find((k) => wait.exitKeys.includes(k));
      // mod_callcenter returns with cc_cancel_reason EXIT_WITH_KEY and the key in cc_exit_key; other keys do nothing.
      if (key === undefined) return { kind: 'ignored', why: 'notAnExitKey' };
      return { kind: 'event', event: { type: 'queueExit', at: now, reason: 'exitKey', detail: key, seq: wait.seq } };
    }
    return { kind: 'ignored', why: 'nothingListening' };
  }

  /** Forgets answers the call no longer waits for (their seq is stale) and, once the call ended, everything. */
  sync(pendingSeq: number | null, ended: boolean): void {
    if (ended) {
      this.agenda.clear();
      this.collection = this.queueWait = null;
      return;
    }
    if (this.collection && this.collection.seq !== pendingSeq) this.collection = null;
    if (this.queueWait && this.queueWait.seq !== pendingSeq) this.queueWait = null;
    this.agenda.remove((item) => 'seq' in item.event && item.event.seq !== undefined && item.event.seq !== pendingSeq);
  }

  private schedule(item: AgendaItem): void {
    this.agenda.add(item);
  }

  private collect(collection: Collection, keys: string, now: number): KeyResult {
    const { effect } = collection;
    for (const key of keys) {
      if (effect.terminator !== null && key === effect.terminator) return this.entry(collection, now);
      collection.entered += key;
      if (collection.entered.length >= effect.maxDigits) return this.entry(collection, now);
    }
    // More keys may follow: the entry ends after the inter-digit timeout instead of the first-digit timeout.
    this.agenda.remove((item) => item.event.type === 'noInput' || item.event.type === 'digits');
    const at = now + effect.interDigitTimeoutMs;
    this.schedule({ at, kind: 'patience', event: { type: 'digits', at, digits: collection.entered, seq: collection.seq } });
    return { kind: 'collecting', entered: collection.entered };
  }

  /** The entry is complete; valid or not, the runtime reports the keys (`<var>_invalid` holds rejected ones). */
  private entry(collection: Collection, now: number): KeyResult {
    return { kind: 'event', event: { type: 'digits', at: now, digits: collection.entered, seq: collection.seq } };
  }

  private join(effect: EffectOf<'enqueue'>, now: number): void {
    const state = this.queueState(effect.queue);
    const answers = state.agentAnswersAfterSeconds !== null && state.agentsLoggedIn > 0;
    const answeredAt = answers ? now + (state.agentAnswersAfterSeconds as number) * 1000 : null;
    const wait: QueueWait = { seq: effect.seq ?? 0, queue: effect.queue, joinedAt: now, exitKeys: effect.exitKeys, state, answeredAt };
    this.queueWait = wait;
    if (effect.statusEverySeconds > 0) this.schedule(this.positionReport(wait, now + FIRST_POSITION_REPORT_MS, effect.statusEverySeconds * 1000));
    if (answeredAt !== null) {
      // As the runtime does: "an agent picked up" when the bridge starts, "answered" once the agent call is over.
      this.schedule({ at: answeredAt, kind: 'patience', event: { type: 'queueAnswered', at: answeredAt, agent: 'agent', seq: wait.seq } });
      const over = answeredAt + state.talkSeconds * 1000;
      this.schedule({ at: over, kind: 'patience', event: { type: 'queueExit', at: over, reason: 'answered', detail: 'agent', seq: wait.seq } });
    }
  }

  /** The caller moves up one place for each share of the estimated wait that has passed. */
  positionReport(wait: QueueWait, at: number, everyMs: number): AgendaItem {
    const waited = (at - wait.joinedAt) / 1000;
    const ahead = wait.state.callersWaiting;
    const perPlace = wait.state.estimatedWaitSeconds / (ahead + 1);
    const moved = perPlace > 0 ? Math.floor(waited / perPlace) : 0;
    const position = Math.max(1, ahead + 1 - moved);
    const estimatedWaitSeconds = Math.max(0, Math.round(wait.state.estimatedWaitSeconds - waited));
    return { at, kind: 'patience', event: { type: 'queueUpdate', at, position, estimatedWaitSeconds, seq: wait.seq }, repeatEveryMs: everyMs };
  }

  /** The next report after `item`, while the caller still waits in the same queue. */
  nextPositionReport(item: AgendaItem): AgendaItem | null {
    const wait = this.queueWait;
    if (item.repeatEveryMs === undefined || !wait || item.event.type !== 'queueUpdate' || item.event.seq !== wait.seq) return null;
    const at = item.at + item.repeatEveryMs;
    if (wait.answeredAt !== null && at >= wait.answeredAt) return null;
    return this.positionReport(wait, at, item.repeatEveryMs);
  }

  private transfer(effect: EffectOf<'transfer'>, now: number): void {
    const outcome = this.inputs.transfer;
    const seconds = outcome.result === 'noAnswer' ? effect.timeoutSeconds : outcome.result === 'failed' ? 0 : Math.min(outcome.ringSeconds, effect.timeoutSeconds);
    const cause = { answered: 'SUCCESS', busy: 'USER_BUSY', noAnswer: 'NO_ANSWER', failed: FAILED_TRANSFER_CAUSE }[outcome.result];
    const at = now + seconds * 1000;
    this.schedule({ at, kind: 'automatic', event: { type: 'transferResult', at, result: outcome.result, cause, seq: effect.seq } });
  }

  private bookCallback(effect: EffectOf<'scheduleCallback'>, now: number): void {
    const result = this.inputs.callback.result;
    const event: CallEvent =
      result === 'booked'
        ? { type: 'callbackResult', at: now, ok: true, callbackId: `simulated-callback-${++this.callbacks}`, seq: effect.seq }
        : result === 'alreadyScheduled'
          ? { type: 'callbackResult', at: now, ok: false, reason: 'alreadyScheduled', error: `${effect.number} already has a callback for ${effect.queue}`, seq: effect.seq }
          : { type: 'callbackResult', at: now, ok: false, reason: 'error', error: 'the callback service is not available', seq: effect.seq };
    this.schedule({ at: now, kind: 'automatic', event });
  }

  /** Survey call-backs booked on this simulated call, for the simulation to place after the call (in order). */
  readonly surveyCallbacks: Array<EffectOf<'scheduleSurveyCallback'>> = [];

  /** Booked as the callback service books it: the same simulated result as a keep-your-place callback. */
  private bookSurveyCallback(effect: EffectOf<'scheduleSurveyCallback'>, now: number): void {
    const result = this.inputs.callback.result;
    if (result === 'booked') this.surveyCallbacks.push(effect);
    const event: CallEvent =
      result === 'booked'
        ? { type: 'callbackResult', at: now, ok: true, callbackId: `simulated-callback-${++this.callbacks}`, seq: effect.seq }
        : result === 'alreadyScheduled'
          ? { type: 'callbackResult', at: now, ok: false, reason: 'alreadyScheduled', error: `${effect.number} already has a survey call-back`, seq: effect.seq }
          : { type: 'callbackResult', at: now, ok: false, reason: 'error', error: 'the callback service is not available', seq: effect.seq };
    this.schedule({ at: now, kind: 'automatic', event });
  }

  private answerHttp(effect: EffectOf<'httpRequest'>, now: number): void {
    const mock = findHttpMock(this.inputs.http, effect.method, effect.url);
    let event: CallEvent;
    if (!mock) event = { type: 'httpResult', at: now, error: `no mocked response for ${effect.method} ${effect.url}`, seq: effect.seq };
    else if (mock.delayMs > effect.timeoutMs) event = { type: 'httpResult', at: now + effect.timeoutMs, error: `timed out after ${effect.timeoutMs} ms`, seq: effect.seq };
    else if (mock.error !== undefined) event = { type: 'httpResult', at: now + mock.delayMs, error: mock.error, seq: effect.seq };
    else event = { type: 'httpResult', at: now + mock.delayMs, status: mock.status, body: mock.body, seq: effect.seq };
    this.schedule({ at: event.at, kind: 'automatic', event });
  }
}
