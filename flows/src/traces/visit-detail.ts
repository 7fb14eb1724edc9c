import type { Effect } from '../interpreter/effects.js';
import type { CallEvent } from '../interpreter/events.js';
import type { Said } from '../interpreter/reasons.js';

/** A prompt the caller heard at a step: the text spoken, or the audio file played. */
export interface HeardPrompt {
  text: string;
  language: string;
  /** `text` is an audio file's name. */
  audio?: true;
}

/**
 * What came back to the flow while the call was at a step: the caller's keys, silence or hang-up, and the switch's
 * answers that decided the path. Prompt ends and queue position updates are left out (they decide nothing and
 * come often).
 */
export type TraceEvent =
  | { type: 'digits'; at: number; digits: string }
  | { type: 'noInput'; at: number }
  | { type: 'hangup'; at: number; cause?: string }
  | { type: 'queueStatus'; at: number; callersWaiting: number; agentsLoggedIn: number; agentsAvailable: number; estimatedWaitSeconds: number }
  | { type: 'queueAnswered'; at: number; agent?: string }
  | { type: 'queueExit'; at: number; reason: string; detail?: string }
  | { type: 'transferResult'; at: number; result: string }
  | { type: 'httpResult'; at: number; status?: number; error?: string }
  | { type: 'callbackResult'; at: number; ok: boolean; reason?: string }
  | { type: 'voicemailFinished'; at: number }
  | { type: 'timer'; at: number; name: string }
  | { type: 'effectFailed'; at: number; message: string };

/**
 * What the runtime keeps of one node visit besides its outlet and reason (`node_visits.detail`, written with the
 * outlet when the visit ends): the prompts heard there and what came back. Bounded: at most
 * {@link MAX_DETAIL_ITEMS} of each, texts cut at {@link MAX_DETAIL_TEXT} characters.
 */
export interface VisitDetail {
  heard?: HeardPrompt[];
  events?: TraceEvent[];
  /** Why the visit was left by its outlet, by message id (the English is `node_visits.outlet_reason`). */
  left?: Said;
  /** Why the call ended here, by message id (the English is the record's `end_reason`). */
  ended?: Said;
}

export const MAX_DETAIL_ITEMS = 40;
export const MAX_DETAIL_TEXT = 300;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/**
 * A text as a detail keeps it: at most {@link MAX_DETAIL_TEXT} characters, without NUL or half a surrogate pair
 * (PostgreSQL's jsonb refuses both, and one such value would fail a whole batch of writes).
 */
const cut = (text: string) => {
  const short = text.length > MAX_DETAIL_TEXT ? `${text.slice(0, MAX_DETAIL_TEXT - 1)}…` : text;
  return short.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
};

/** The event as a trace keeps it, or null for events that decide nothing (prompt ends, queue positions). */
export function traceEventOf(event: CallEvent): TraceEvent | null {
  switch (event.type) {
    case 'digits':
      return { type: 'digits', at: event.at, digits: cut(event.digits) };
    case 'noInput':
      return { type: 'noInput', at: event.at };
    case 'hangup':
      return event.cause === undefined ? { type: 'hangup', at: event.at } : { type: 'hangup', at: event.at, cause: cut(event.cause) };
    case 'queueStatus':
      return { type: 'queueStatus', at: event.at, callersWaiting: event.callersWaiting, agentsLoggedIn: event.agentsLoggedIn, agentsAvailable: event.agentsAvailable, estimatedWaitSeconds: event.estimatedWaitSeconds };
    case 'queueAnswered':
      return event.agent === undefined ? { type: 'queueAnswered', at: event.at } : { type: 'queueAnswered', at: event.at, agent: cut(event.agent) };
    case 'queueExit':
      return { type: 'queueExit', at: event.at, reason: event.reason, ...(event.detail === undefined ? {} : { detail: cut(event.detail) }) };
    case 'transferResult':
      return { type: 'transferResult', at: event.at, result: event.result };
    case 'httpResult':
      return { type: 'httpResult', at: event.at, ...(event.status === undefined ? {} : { status: event.status }), ...(event.error === undefined ? {} : { error: cut(event.error) }) };
    case 'callbackResult':
      return { type: 'callbackResult', at: event.at, ok: event.ok, ...(event.reason === undefined ? {} : { reason: event.reason }) };
    case 'voicemailFinished':
      return { type: 'voicemailFinished', at: event.at };
    case 'timer':
      return { type: 'timer', at: event.at, name: cut(event.name) };
    case 'effectFailed':
      return { type: 'effectFailed', at: event.at, message: cut(event.message) };
    case 'promptFinished':
    case 'queueUpdate':
      return null;
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected event ${JSON.stringify(value)}`);
}

/** The prompts an effect makes the caller hear, as a trace keeps them. */
export function promptsOf(effect: Effect): HeardPrompt[] {
  const prompts =
    effect.kind === 'play' || effect.kind === 'announce'
      ? [effect.prompt]
      : effect.kind === 'collectDigits'
        ? effect.prompts
        : effect.kind === 'voicemail' && effect.greeting
          ? [effect.greeting]
          : [];
  return prompts.map((p) => (p.audio !== undefined ? { text: cut(p.audio), language: p.language, audio: true as const } : { text: cut(p.text ?? ''), language: p.language }));
}

/** Adds an event to a visit's detail (nothing once it holds {@link MAX_DETAIL_ITEMS}). */
export function addTraceEvent(detail: VisitDetail, event: TraceEvent): void {
  const events = (detail.events ??= []);
  if (events.length < MAX_DETAIL_ITEMS) events.push(event);
}

/** Adds what `effect` makes the caller hear to a visit's detail. */
export function addHeard(detail: VisitDetail, effect: Effect): void {
  for (const prompt of promptsOf(effect)) {
    const heard = (detail.heard ??= []);
    if (heard.length < MAX_DETAIL_ITEMS) heard.push(prompt);
  }
}

/**
 * One interpreter step split over the visits it belongs to: the event and the effects before the step's first
 * `visit` belong to the visit the call was at (`current`); the effects after each `visit` to that new visit.
 * Returns the details of the new visits, in order (one per `visit` effect), for the caller to attach as each visit
 * is recorded.
 */
export function splitStep(current: VisitDetail | null, event: CallEvent | null, effects: readonly Effect[]): VisitDetail[] {
  const traced = event ? traceEventOf(event) : null;
  if (traced && current) addTraceEvent(current, traced);
  const started: VisitDetail[] = [];
  let target = current;
  for (const effect of effects) {
    if (effect.kind === 'visit') {
      if (target && effect.arrivedFrom?.said) target.left = effect.arrivedFrom.said;
      target = {};
      started.push(target);
    } else if (target) {
      addHeard(target, effect);
      if (effect.kind === 'end') {
        if (effect.said) target.ended = effect.said;
        if (effect.lastExit?.said) target.left = effect.lastExit.said;
      }
    }
  }
  return started;
}

/** The detail as stored, or null when there is nothing to store. */
export function storedDetail(detail: VisitDetail | null | undefined): VisitDetail | null {
  if (!detail) return null;
  return (detail.heard?.length ?? 0) + (detail.events?.length ?? 0) > 0 || detail.left || detail.ended ? detail : null;
}

/**
 * Keeps one call's visit details as the runtime sees the call: {@link stepped} with every interpreter step (before
 * its effects run), {@link visitStarted} as each `visit` effect is recorded. Only plain arrays; a few small objects
 * per step.
 */
export class VisitDetailRecorder {
  private current: VisitDetail | null = null;
  private readonly upcoming: VisitDetail[] = [];

  /** An interpreter step: the event it handled (null for the call's start) and the effects it produced. */
  stepped(event: CallEvent | null, effects: readonly Effect[]): void {
    const started = splitStep(this.current, event, effects);
    for (const detail of started) this.upcoming.push(detail);
  }

  /** The next visit began; returns the detail of the visit it ends (null when there was none or it is empty). */
  visitStarted(): VisitDetail | null {
    const ended = this.current;
    this.current = this.upcoming.shift() ?? {};
    return storedDetail(ended);
  }

  /** The detail of the visit the call is at (at the call's end: its last visit's). */
  get currentDetail(): VisitDetail | null {
    return storedDetail(this.current);
  }
}
