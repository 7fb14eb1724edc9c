/**
 * CHANNEL_EXECUTE_COMPLETE → what happened, in the interpreter's terms. Pure (no sockets, no Node APIs).
 *
 * FreeSWITCH reports most outcomes in channel variables, not in `Application-Response` (transcripts 03, 05, 06:
 * it stays `_none_`). A completion that arrives with `Answer-State: hangup` (transcript 08: `PLAYBACK ERROR`)
 * means the caller went away; the session then feeds the interpreter a `hangup` event, not a result.
 */
import type { CallEvent, QueueExitReason } from '@switchboard/flows';

/** The parts of a CHANNEL_EXECUTE_COMPLETE the mapping reads. */
export interface AppCompletion {
  readonly application: string;
  /** `Application-Response`: `_none_`, `FILE PLAYED`, `PLAYBACK ERROR`, … */
  readonly response: string;
  /** `variable_*` headers without the prefix. */
  readonly variables: Readonly<Record<string, string>>;
  /** `Answer-State: hangup` when the app completed. */
  readonly channelHungUp: boolean;
}

/** The caller hung up while the app ran: no result to report, the session reports the hangup. */
export interface CallerGone {
  readonly kind: 'callerGone';
}

const CALLER_GONE: CallerGone = { kind: 'callerGone' };

/** A prompt (`speak` / `playback`) finished, could not be played, or the caller left during it. */
export type PromptOutcome = { readonly kind: 'finished' } | { readonly kind: 'failed'; readonly message: string } | CallerGone;

export function promptOutcome(completion: AppCompletion): PromptOutcome {
  if (completion.channelHungUp) return CALLER_GONE;
  // playback answers FILE PLAYED or PLAYBACK ERROR (missing file); speak leaves `_none_`.
  if (completion.response === 'PLAYBACK ERROR') return { kind: 'failed', message: `${completion.application}: PLAYBACK ERROR` };
  return { kind: 'finished' };
}

/** Digits collected by `play_and_get_digits`. */
export type DigitsOutcome = { readonly kind: 'digits'; readonly digits: string } | { readonly kind: 'noInput' } | CallerGone;

/**
 * `read_result=success` with the digits in `digitsVariable`; rejected entries (too short, off the regex) are in
 * `<digitsVariable>_invalid` and are reported as digits so the flow can say "that is not a valid choice".
 * Silence is `read_result=failure` (or `timeout`) with no variable at all: read clears it first (transcript 03).
 */
export function digitsOutcome(completion: AppCompletion, digitsVariable: string): DigitsOutcome {
  if (completion.channelHungUp) return CALLER_GONE;
  const variables = completion.variables;
  const digits = variables[digitsVariable];
  if (variables['read_result'] === 'success' && digits) return { kind: 'digits', digits };
  const invalid = variables[`${digitsVariable}_invalid`];
  if (invalid) return { kind: 'digits', digits: invalid };
  return { kind: 'noInput' };
}

/** What `bridge` did. */
export type TransferOutcome = { readonly kind: 'result'; readonly result: Extract<CallEvent, { type: 'transferResult' }>['result']; readonly cause: string } | CallerGone;

const DIALSTATUS_CAUSES: Readonly<Record<string, string>> = { BUSY: 'USER_BUSY', NOANSWER: 'NO_ANSWER', SUCCESS: 'SUCCESS', ANSWER: 'SUCCESS' };

/**
 * `originate_disposition` (or `DIALSTATUS`): SUCCESS → answered; USER_BUSY → busy; NO_ANSWER and
 * NO_USER_RESPONSE → noAnswer; any other cause (NO_ROUTE_DESTINATION, CALL_REJECTED, …) → failed.
 * An answered bridge ends with the channel hung up (hangup_after_bridge) and is still "answered".
 */
export function transferOutcome(completion: AppCompletion): TransferOutcome {
  const variables = completion.variables;
  const dialStatus = variables['DIALSTATUS'];
  const cause = variables['originate_disposition'] ?? (dialStatus !== undefined ? (DIALSTATUS_CAUSES[dialStatus] ?? dialStatus) : undefined);
  if (cause === 'SUCCESS' || cause === 'ANSWER') return { kind: 'result', result: 'answered', cause: 'SUCCESS' };
  // The caller hung up while it rang (ORIGINATOR_CANCEL), or before the bridge could report anything.
  if (completion.channelHungUp) return CALLER_GONE;
  if (cause === 'USER_BUSY') return { kind: 'result', result: 'busy', cause };
  if (cause === 'NO_ANSWER' || cause === 'NO_USER_RESPONSE') return { kind: 'result', result: 'noAnswer', cause };
  return { kind: 'result', result: 'failed', cause: cause ?? 'UNKNOWN' };
}

/** Why the `callcenter` app returned. */
export type QueueOutcome =
  | { readonly kind: 'exit'; readonly reason: QueueExitReason; readonly detail?: string }
  /**
   * An agent took the call. `callEnded` tells whether the agent call is already over: FreeSWITCH returns from
   * the app as soon as the agent answers (the agent thread bridges afterwards), the flow wants to know when it ends.
   */
  | { readonly kind: 'agentAnswered'; readonly agent: string; readonly callEnded: boolean }
  /** EXIT_WITH_KEY with the runtime's own key ({@link RUNTIME_LEAVE_KEY}): the wait ended because the flow left. */
  | { readonly kind: 'leftOnRequest' }
  | CallerGone;

/**
 * The DTMF key the runtime adds to `cc_exit_keys` and injects with `uuid_recv_dtmf` to take a caller out of a
 * queue: mod_callcenter's wait loop only ends for an agent, its own timeouts, an exit key or a hang-up —
 * `uuid_break` merely restarts the hold music. Flows cannot use it (their keys are 0-9, * and #), and ordinary
 * phones cannot press it.
 */
export const RUNTIME_LEAVE_KEY = 'D';

/**
 * `cc_agent` / `cc_queue_answered_epoch` / `cc_cause=answered` → answered; otherwise `cc_cancel_reason`, whose
 * values are mod_callcenter's `MEMBER_CANCEL_REASON_CHART` (mod_callcenter.c, 1.8 onwards): TIMEOUT
 * (max-wait-time) → timeout, NO_AGENT_TIMEOUT → noAgents, EXIT_WITH_KEY → exitKey with `cc_exit_key` as detail
 * (or the runtime leaving, for its own key), BREAK_OUT (the channel stopped being ready without hanging up, e.g.
 * transferred away) and NONE → error. A hung-up channel without an agent is a caller who abandoned the queue.
 */
export function queueOutcome(completion: AppCompletion): QueueOutcome {
  const variables = completion.variables;
  const agent = variables['cc_agent'];
  if (agent || variables['cc_queue_answered_epoch'] || variables['cc_cause'] === 'answered') {
    return { kind: 'agentAnswered', agent: agent ?? '', callEnded: completion.channelHungUp || Boolean(variables['cc_queue_terminated_epoch']) };
  }
  if (completion.channelHungUp) return CALLER_GONE;
  const reason = variables['cc_cancel_reason'];
  switch (reason) {
    case 'TIMEOUT':
      return { kind: 'exit', reason: 'timeout' };
    case 'NO_AGENT_TIMEOUT':
      return { kind: 'exit', reason: 'noAgents' };
    case 'EXIT_WITH_KEY': {
      const key = variables['cc_exit_key'] ?? '';
      if (key === RUNTIME_LEAVE_KEY) return { kind: 'leftOnRequest' };
      return key ? { kind: 'exit', reason: 'exitKey', detail: key } : { kind: 'exit', reason: 'error', detail: 'cc_cancel_reason EXIT_WITH_KEY without cc_exit_key' };
    }
    default:
      return { kind: 'exit', reason: 'error', detail: reason ? `cc_cancel_reason ${reason}` : `callcenter returned without a reason (${completion.response})` };
  }
}

/** `voicemail` returned: the message was left (or the caller hung up, which is how most finish). */
export type VoicemailOutcome = { readonly kind: 'finished' } | CallerGone;

export function voicemailOutcome(completion: AppCompletion): VoicemailOutcome {
  return completion.channelHungUp ? CALLER_GONE : { kind: 'finished' };
}

/** When a queue wait began, was answered and ended, from the `callcenter` app's completion (epoch ms). */
export interface QueueTimes {
  readonly joinedAt: number;
  readonly answeredAt: number | null;
  readonly leftAt: number;
  readonly agent: string | null;
}

/**
 * The switch's own times of a queue wait: `cc_queue_joined_epoch`, `cc_queue_answered_epoch` and, for a caller who
 * left unanswered, `cc_queue_canceled_epoch` (whole seconds, as mod_callcenter sets them). A time the switch did not
 * report is the runtime's: `sentAt` (when the app was sent) for joining, `returnedAt` (when it returned) for the
 * rest, so a missing variable never loses the wait.
 */
export function queueTimes(completion: AppCompletion, sentAt: number, returnedAt: number): QueueTimes {
  const epoch = (name: string): number | null => {
    const value = Number(completion.variables[name]);
    return Number.isFinite(value) && value > 0 ? value * 1000 : null;
  };
  const outcome = queueOutcome(completion);
  const answeredAt = outcome.kind === 'agentAnswered' ? (epoch('cc_queue_answered_epoch') ?? returnedAt) : null;
  return {
    joinedAt: epoch('cc_queue_joined_epoch') ?? sentAt,
    answeredAt,
    leftAt: answeredAt ?? epoch('cc_queue_canceled_epoch') ?? returnedAt,
    agent: outcome.kind === 'agentAnswered' && outcome.agent !== '' ? outcome.agent : null,
  };
}
