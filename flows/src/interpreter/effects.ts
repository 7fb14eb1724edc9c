import type { Said } from './reasons.js';
import type { Prompt, VariableValue } from '../document/common.js';

/** A prompt after language selection and `${var}` substitution: what the switch actually plays. */
export interface ResolvedPrompt {
  language: string;
  /** Text to speak (text-to-speech), when no audio file is set. */
  text?: string;
  /** Audio file to play instead of the text. */
  audio?: string;
}

export type TransferDestination =
  | { type: 'extension'; value: string }
  | { type: 'number'; value: string }
  | { type: 'sip'; value: string };

/**
 * Why a call ended, as the flow sees it (self-service containment, abandonment, …). The runtime adds outcomes of
 * its own for calls the flow could not finish (`fallback`, `shutdownDrained`, `runtimeLost`, `switchLost`): see
 * the outcome taxonomy in `runtime/src/services/README.md`.
 *
 * - `selfServed`: the flow ended the call on purpose (a hang-up node, the end of the flow).
 * - `unresolvedInIvr`: the flow ended the call right after the caller's input failed (no input or wrong keys
 *   until the retries ran out) — hung up on, not served.
 * - `rejected`: the flow turned the caller away with a `CALL_REJECTED` or `USER_BUSY` hang-up (blocked numbers).
 * - `callerHungUp`: the caller hung up in the IVR (abandoned in the IVR).
 * - `abandonedInQueue`: the caller hung up while waiting in a queue.
 * - `answeredFromQueue`, `transferred`: the caller reached a person.
 * - `callbackScheduled`: a callback was booked. `voicemail`: the caller reached the mailbox.
 * - `error`: the flow or the switch failed (the `end` record's reason says what).
 */
export type CallOutcome =
  | 'selfServed'
  | 'unresolvedInIvr'
  | 'rejected'
  | 'transferred'
  | 'answeredFromQueue'
  | 'abandonedInQueue'
  | 'callbackScheduled'
  | 'voicemail'
  | 'callerHungUp'
  | 'error';

/** How the call left a node: the outlet taken and why (the key pressed, the queue's exit reason, the branch…). */
export interface NodeExit {
  /**
   * The node left: in the flow of the visit before the one that carries this exit. After a sub-flow returns it is
   * the sub-flow's Return node, and `outlet` the calling Sub-flow node's outlet taken.
   */
  nodeId: string;
  outlet: string;
  /** In English, for logs, the CLI and the database. */
  reason: string;
  /** The same by message id and values (`interpreter/reasons.ts`), for a UI to say in its language; absent in old data. */
  said?: Said;
}

/** Hangup causes the interpreter asks for (FreeSWITCH/Q.850 names). */
export type HangupCause = 'NORMAL_CLEARING' | 'CALL_REJECTED' | 'USER_BUSY' | 'NORMAL_TEMPORARY_FAILURE';

/** A callback window: when the callback may be placed, in the callback's time zone. */
export interface CallbackWindow {
  timezone: string;
  /** Minutes after midnight. */
  startMinute: number;
  endMinute: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday) the window applies to. */
  days: number[];
}

/** A survey node's questions (its compiled settings for asking them). */
export interface SurveyQuestions {
  question: Prompt;
  secondQuestion: Prompt | null;
  timeoutMs: number;
  maxRetries: number;
  retryPrompt: Prompt | null;
}

/** What a survey call-back asks, and for which node of which flow, in the caller's language. */
export interface SurveyCallbackSpec {
  flow: string;
  nodeId: string;
  language: string;
  questions: SurveyQuestions;
}

/**
 * Effects are plain data describing what should happen to the call. The interpreter never performs them:
 * the runtime turns each into FreeSWITCH commands, the simulator into a transcript.
 *
 * Effects marked "awaits" make the call wait; the runtime answers with the event named, echoing the effect's
 * `seq` so late answers to earlier effects can be told apart.
 */
export type Effect =
  /**
   * A node was entered. `arrivedFrom` is how the call left the node visited just before (its outlet and why);
   * null for the first node of the call.
   */
  | { kind: 'visit'; flow: string; nodeId: string; nodeType: string; at: number; arrivedFrom: NodeExit | null }
  /** Answer the call. The interpreter sends it just before the first effect the caller hears, never earlier. */
  | { kind: 'answer' }
  /** awaits `promptFinished` (or `digits` when barge-in is on). */
  | { kind: 'play'; prompt: ResolvedPrompt; bargeIn: boolean; seq?: number }
  /** awaits `digits` or `noInput`. Prompts play in order before collection starts. */
  | {
      kind: 'collectDigits';
      prompts: ResolvedPrompt[];
      minDigits: number;
      maxDigits: number;
      timeoutMs: number;
      interDigitTimeoutMs: number;
      terminator: string | null;
      pattern: string | null;
      seq?: number;
    }
  /** Fire-and-forget prompt played to a caller who is waiting in a queue. */
  | { kind: 'announce'; prompt: ResolvedPrompt }
  /** awaits `queueStatus`. */
  | { kind: 'queueStatus'; queue: string; seq?: number }
  /** awaits `queueExit` (with `queueUpdate` events while waiting). */
  | {
      kind: 'enqueue';
      queue: string;
      priority: number;
      skills: string[];
      /** Seconds already waited (a callback re-entering keeps its place); used as base score. */
      baseScoreSeconds: number;
      exitKeys: string[];
      statusEverySeconds: number;
      /** Music on hold for this wait (a file, URL or `tone_stream://…`); `null` keeps the queue's own. */
      musicOnHold: string | null;
      seq?: number;
    }
  | { kind: 'leaveQueue'; queue: string }
  | { kind: 'startTimer'; name: string; afterMs: number }
  | { kind: 'cancelTimer'; name: string }
  /** awaits `transferResult`. */
  | { kind: 'transfer'; destination: TransferDestination; timeoutSeconds: number; callerIdNumber: string | null; seq?: number }
  /** awaits `callbackResult`. */
  | {
      kind: 'scheduleCallback';
      queue: string;
      number: string;
      keepPlace: boolean;
      /** Seconds the caller had already waited in the queue when they asked for a callback. */
      originalWaitSeconds: number;
      priority: number;
      window: CallbackWindow | null;
      seq?: number;
    }
  /**
   * awaits `callbackResult`. Call the caller (`number`) back `delayMs` after this call ends and ask `survey`'s
   * questions; the ratings count for this call, version and node. Booked with the callback service (retries, once).
   */
  | { kind: 'scheduleSurveyCallback'; nodeId: string; number: string; delayMs: number; survey: SurveyCallbackSpec; seq?: number }
  | { kind: 'setVariable'; name: string; value: VariableValue }
  /** awaits `httpResult`. */
  | { kind: 'httpRequest'; method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; headers: Record<string, string>; body: string | null; timeoutMs: number; seq?: number }
  | { kind: 'enterSubflow'; flow: string }
  | { kind: 'exitSubflow'; flow: string; outcome: string }
  /**
   * A Sub-flow call that was not started because calls were already nested `limit` deep (a cycle of sub-flows, or
   * one far too deep): the call goes on by the node's `failed` outlet, or ends with an error when it has none.
   * `chain` is the call stack with the refused flow last; `reason` says it all for a log line.
   */
  | { kind: 'subflowRefused'; flow: string; limit: number; chain: string[]; reason: string }
  /**
   * A schedule names a calendar the call was not given (deleted, or not loaded by the runtime): it decided without
   * it. The runtime logs a warning; the simulator shows it.
   */
  | { kind: 'calendarMissing'; nodeId: string; calendar: string; reason: string }
  /**
   * The caller rated the call in a survey node: `question` 1 or 2, `score` 1–5. Stored on the call record (the
   * satisfaction KPI); nothing is sent to the switch.
   */
  | { kind: 'surveyAnswer'; nodeId: string; question: 1 | 2; score: number }
  /** awaits `voicemailFinished`. */
  | { kind: 'voicemail'; mailbox: string; /** Voicemail domain; `null` uses the switch's default domain. */ domain: string | null; greeting: ResolvedPrompt | null; seq?: number }
  | { kind: 'hangup'; cause: HangupCause; reason: string }
  /**
   * Always the last effect of a call: why and where it ended. `lastExit` is set when the last node was left by an
   * outlet that led nowhere (the call ended because of it).
   */
  | { kind: 'end'; outcome: CallOutcome; flow: string; nodeId: string | null; at: number; reason: string; /** `reason` by message id, for a UI. */ said?: Said; lastExit: NodeExit | null };

export type EffectKind = Effect['kind'];
export type EffectOf<K extends EffectKind> = Extract<Effect, { kind: K }>;
