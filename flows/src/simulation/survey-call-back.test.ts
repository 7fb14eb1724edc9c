import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import { buildFlow } from '../../test/build.js';
import { CALLBACK_RETRY_POLICY, callbackRetryDelayMs } from './callback-retry-policy.js';
import { ScenarioSchema } from './scenario.js';
import { Simulation } from './simulation.js';
import { firstSurveyCallBack, nextSurveyCallBackAttempt, respondToSurveyCallBack, surveyRatings, type SurveyCallBackAttempt } from './survey-call-back.js';

const QUESTION = { text: { en: 'How satisfied are you? Press 1 for not at all, up to 5 for very satisfied.' } };
const SECOND = { text: { en: 'Was your problem solved? Press 1 for no, 5 for completely.' } };

/** A test call that accepted a survey call-back (3 minutes after the call) and ended. */
function bookedCall(mode: 'callBack' | 'duringCall' = 'callBack'): Simulation {
  const flow = buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'survey', type: 'survey', data: { mode, callBackDelayMinutes: 3, question: QUESTION, secondQuestion: SECOND, maxRetries: 0 } },
      { id: 'bye', type: 'hangup' },
    ],
    ['start:next->survey', 'survey:done->bye', 'survey:noAnswer->bye'],
  );
  const compiled = compileFlow(flow).compiled;
  if (!compiled) throw new Error('does not compile');
  const call = Simulation.start(compiled, ScenarioSchema.parse({ name: 'booked', call: { localTime: '2026-11-23T10:00', timezone: 'Europe/London', caller: '+441632960000' } }));
  if (!(call instanceof Simulation)) throw new Error(call.error);
  call.runToInput();
  call.press('1');
  call.runToInput();
  return call;
}

function ringing(attempt: SurveyCallBackAttempt | null): Extract<SurveyCallBackAttempt, { phase: 'ringing' }> {
  if (attempt?.phase !== 'ringing') throw new Error(`expected the phone to ring, got ${attempt?.phase}`);
  return attempt;
}

describe('survey call-back in a test call', () => {
  it('rings the caller the delay after the call ended; answered, the callee rates 4 and 2 and those are the ratings for the call', () => {
    const original = bookedCall();
    const first = ringing(firstSurveyCallBack(original));
    expect(first).toEqual({ phase: 'ringing', number: '+441632960000', attempt: 1, at: original.now + 180_000 });
    const answered = respondToSurveyCallBack(original, first, 'answer');
    if (answered.phase !== 'answered') throw new Error(answered.phase);
    answered.call.runToInput();
    expect(answered.call.heard()).toEqual([QUESTION.text.en]);
    answered.call.press('4');
    answered.call.runToInput();
    answered.call.press('2');
    answered.call.runToInput();
    expect(answered.call.ended).toBe(true);
    expect(surveyRatings(answered.call)).toEqual([{ question: 1, score: 4 }, { question: 2, score: 2 }]);
  });

  it('declined or not answered, it rings again per the dialer’s policy (2 then 4 minutes later) and fails after the third attempt', () => {
    const original = bookedCall();
    const first = ringing(firstSurveyCallBack(original));
    const declined = respondToSurveyCallBack(original, first, 'decline');
    expect(declined).toEqual({ phase: 'retrying', number: '+441632960000', attempt: 1, at: first.at, cause: 'CALL_REJECTED', retryAt: first.at + 120_000 });
    if (declined.phase !== 'retrying') throw new Error(declined.phase);
    const second = ringing(nextSurveyCallBackAttempt(declined));
    expect(second).toMatchObject({ attempt: 2, at: first.at + 120_000 });
    // Not answered: the phone rang for the ring time before the backoff starts.
    const unanswered = respondToSurveyCallBack(original, second, 'noAnswer');
    expect(unanswered).toMatchObject({ phase: 'retrying', cause: 'NO_ANSWER', retryAt: second.at + CALLBACK_RETRY_POLICY.ringSeconds * 1000 + 240_000 });
    if (unanswered.phase !== 'retrying') throw new Error(unanswered.phase);
    const third = ringing(nextSurveyCallBackAttempt(unanswered));
    expect(third.attempt).toBe(CALLBACK_RETRY_POLICY.maxAttempts);
    expect(respondToSurveyCallBack(original, third, 'noAnswer')).toEqual({ phase: 'failed', number: '+441632960000', attempt: 3, at: third.at, cause: 'NO_ANSWER' });
  });

  it('answered on a later attempt, the call-back starts at that attempt’s time', () => {
    const original = bookedCall();
    const declined = respondToSurveyCallBack(original, ringing(firstSurveyCallBack(original)), 'decline');
    if (declined.phase !== 'retrying') throw new Error(declined.phase);
    const answered = respondToSurveyCallBack(original, ringing(nextSurveyCallBackAttempt(declined)), 'answer');
    expect(answered.phase === 'answered' && answered.call.startedAt).toBe(declined.retryAt);
  });

  it('a call that booked no survey call-back has none to take', () => {
    expect(firstSurveyCallBack(bookedCall('duringCall'))).toBeNull();
  });

  it('the backoff doubles up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => callbackRetryDelayMs(attempt))).toEqual([120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000]);
  });
});
