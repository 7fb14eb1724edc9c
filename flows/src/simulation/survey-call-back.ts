import type { Simulation } from './simulation.js';
import { CALLBACK_RETRY_POLICY, callbackRetryDelayMs } from './callback-retry-policy.js';

/** What the tester, as the caller whose phone rings for the survey, does with the call-back. */
export type SurveyCallBackResponse = 'answer' | 'decline' | 'noAnswer';

/** The switch's cause for an attempt the callee did not take (what originate answers on the real switch). */
export type SurveyCallBackCause = 'CALL_REJECTED' | 'NO_ANSWER';

/**
 * Where a booked survey call-back stands in a test call, attempt by attempt, as the runtime's dialer places it:
 * the callee's phone rings; answered, the callee is on the call-back (its own {@link Simulation}); declined or
 * not answered, it is tried again per {@link CALLBACK_RETRY_POLICY} until the attempts run out.
 */
export type SurveyCallBackAttempt =
  | { phase: 'ringing'; number: string; attempt: number; at: number }
  | { phase: 'answered'; number: string; attempt: number; at: number; call: Simulation }
  | { phase: 'retrying'; number: string; attempt: number; at: number; cause: SurveyCallBackCause; retryAt: number }
  | { phase: 'failed'; number: string; attempt: number; at: number; cause: SurveyCallBackCause };

/** A survey answer given on the call-back: it counts for the call that booked it. */
export interface SurveyRating {
  question: 1 | 2;
  score: number;
}

/** The first attempt of the survey call-back `original` booked (the first, if several), or null when it booked none. */
export function firstSurveyCallBack(original: Simulation): SurveyCallBackAttempt | null {
  const [call] = original.surveyCallBacks();
  if (!call) return null;
  return { phase: 'ringing', number: call.inputs.call.caller, attempt: 1, at: call.startedAt };
}

/**
 * The callee's response to a ringing attempt: answered, the call-back call (started at the attempt's time, run to
 * its first input by the caller of this function); declined at once or not answered after the phone rang
 * `ringSeconds`, the next attempt's time, or failed once `maxAttempts` were made.
 */
export function respondToSurveyCallBack(original: Simulation, ringing: Extract<SurveyCallBackAttempt, { phase: 'ringing' }>, response: SurveyCallBackResponse, policy = CALLBACK_RETRY_POLICY): SurveyCallBackAttempt {
  const { number, attempt, at } = ringing;
  if (response === 'answer') {
    const first = original.surveyCallBacks()[0];
    const laterByMs = first ? at - first.startedAt : 0;
    const [call] = original.surveyCallBacks(laterByMs);
    if (!call) throw new Error('respondToSurveyCallBack: the call booked no survey call-back');
    return { phase: 'answered', number, attempt, at, call };
  }
  const cause: SurveyCallBackCause = response === 'decline' ? 'CALL_REJECTED' : 'NO_ANSWER';
  if (attempt >= policy.maxAttempts) return { phase: 'failed', number, attempt, at, cause };
  // The dialer reckons the backoff from when the attempt's originate came back: at once when declined, after ringing otherwise.
  const endedAt = at + (cause === 'NO_ANSWER' ? policy.ringSeconds * 1000 : 0);
  return { phase: 'retrying', number, attempt, at, cause, retryAt: endedAt + callbackRetryDelayMs(attempt, policy) };
}

/** The next attempt of a call-back being retried: the phone rings again at its time. */
export function nextSurveyCallBackAttempt(retrying: Extract<SurveyCallBackAttempt, { phase: 'retrying' }>): SurveyCallBackAttempt {
  return { phase: 'ringing', number: retrying.number, attempt: retrying.attempt + 1, at: retrying.retryAt };
}

/** The ratings given so far on a call (the survey call-back's), in the order given. */
export function surveyRatings(call: Simulation): SurveyRating[] {
  return call.effects().flatMap((effect) => (effect.kind === 'surveyAnswer' ? [{ question: effect.question, score: effect.score }] : []));
}
