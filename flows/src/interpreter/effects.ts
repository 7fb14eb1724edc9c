import type { VariableValue } from '../document/common.js';

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

/** Why a call ended, for analytics (self-service containment, abandonment, …). */
export type CallOutcome =
  | 'selfServed'
  | 'transferred'
  | 'answeredFromQueue'
  | 'abandonedInQueue'
  | 'callbackScheduled'
  | 'voicemail'
  | 'callerHungUp'
  | 'error';

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

/**
 * Effects are plain data describing what should happen to the call. The interpreter never performs them:
 * the runtime turns each into FreeSWITCH commands, the simulator into a transcript.
 *
 * Effects marked "awaits" make the call wait; the runtime answers with the event named, echoing the effect's
 * `seq` so late answers to earlier effects can be told apart.
 */
export type Effect =
  | { kind: 'visit'; flow: string; nodeId: string; nodeType: string; at: number }
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
  /** awaits `voicemailFinished`. */
  | { kind: 'voicemail'; mailbox: string; /** Voicemail domain; `null` uses the switch's default domain. */ domain: string | null; greeting: ResolvedPrompt | null; seq?: number }
  | { kind: 'hangup'; cause: HangupCause; reason: string }
  /** Always the last effect of a call: why and where it ended. */
  | { kind: 'end'; outcome: CallOutcome; flow: string; nodeId: string | null; at: number; reason: string };

export type EffectKind = Effect['kind'];
export type EffectOf<K extends EffectKind> = Extract<Effect, { kind: K }>;
