import { CALLBACK_RETRY_POLICY, firstSurveyCallBack, nextSurveyCallBackAttempt, respondToSurveyCallBack, surveyRatings, type Simulation, type SurveyCallBackAttempt, type SurveyCallBackResponse } from '@switchboard/flows';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Keypad } from './Keypad';
import { TranscriptView } from './TranscriptView';
import { transcriptLines } from './transcript-lines';
import type { TranscriptNames } from './transcript-names';

export interface SurveyCallBackProps {
  /** The test call, ended, that booked the survey call-back. */
  original: Simulation;
  timezone: string;
  showDetails: boolean;
  names?: TranscriptNames;
  /** Where typed keys (0–9, * and #) are pressed on the call-back, as on the test call's keypad. */
  keyboardTarget?: HTMLElement | null;
}

/**
 * After a test call that booked a survey call-back: the tester plays the caller whose phone rings for it — answers
 * (and rates on the keypad), declines or lets it ring — attempt after attempt, as the runtime's dialer places it.
 * The ratings shown are the ones that count for the original call. Render it with a `key` per test call.
 */
export function SurveyCallBack({ original, timezone, showDetails, names, keyboardTarget = null }: SurveyCallBackProps) {
  const { t, i18n } = useTranslation();
  const [attempt, setAttempt] = useState<SurveyCallBackAttempt | null>(() => firstSurveyCallBack(original));
  // The call-back's simulation changes in place: a counter re-renders after each action on it.
  const [revision, setRevision] = useState(0);
  const call = attempt?.phase === 'answered' ? attempt.call : null;
  const lines = useMemo(() => (call ? transcriptLines(call.transcript) : []), [call, revision]);
  if (!attempt) return null;

  const time = (at: number) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'medium', timeZone: timezone }).format(at);
  const max = CALLBACK_RETRY_POLICY.maxAttempts;
  const respond = (response: SurveyCallBackResponse) => {
    if (attempt.phase !== 'ringing') return;
    const next = respondToSurveyCallBack(original, attempt, response);
    if (next.phase === 'answered') next.call.runToInput();
    setAttempt(next);
  };
  const act = (action: (c: Simulation) => void) => {
    if (!call) return;
    action(call);
    call.runToInput();
    setRevision((r) => r + 1);
  };
  const live = call !== null && !call.ended;
  const ratings = call ? surveyRatings(call) : [];

  return (
    <section className="sb-sim-survey" aria-label={t('simulator.surveyCallBack.title')} data-testid="survey-call-back">
      <h3>{t('simulator.surveyCallBack.title')}</h3>
      {attempt.phase === 'ringing' && (
        <>
          <p role="status">{t('simulator.surveyCallBack.ringing', { number: attempt.number, time: time(attempt.at), attempt: attempt.attempt, max })}</p>
          <div className="sb-sim-controls">
            <button type="button" className="sb-app-button sb-app-button--primary" onClick={() => respond('answer')}>{t('simulator.surveyCallBack.answer')}</button>
            <button type="button" className="sb-app-button" onClick={() => respond('decline')}>{t('simulator.surveyCallBack.decline')}</button>
            <button type="button" className="sb-app-button" onClick={() => respond('noAnswer')}>{t('simulator.surveyCallBack.noAnswer')}</button>
          </div>
        </>
      )}
      {attempt.phase === 'retrying' && (
        <>
          <p role="status">
            {t(`simulator.surveyCallBack.retrying_${attempt.cause}`, { time: time(attempt.retryAt), next: attempt.attempt + 1, max, seconds: CALLBACK_RETRY_POLICY.ringSeconds })}
          </p>
          <button type="button" className="sb-app-button" onClick={() => setAttempt(nextSurveyCallBackAttempt(attempt))}>{t('simulator.surveyCallBack.ringAgain')}</button>
        </>
      )}
      {attempt.phase === 'failed' && <p role="status" data-testid="survey-call-back-outcome">{t(`simulator.surveyCallBack.failed_${attempt.cause}`, { attempts: attempt.attempt })}</p>}
      {call && (
        <>
          <p className="sb-sim-status" role="status">{live ? t('simulator.surveyCallBack.onCall', { time: time(attempt.at) }) : t('simulator.surveyCallBack.ended')}</p>
          <Keypad disabled={!live} onPress={(key) => act((c) => void c.press(key))} keyboardTarget={keyboardTarget} />
          <div className="sb-sim-controls">
            <button type="button" className="sb-app-button" disabled={!live} onClick={() => act((c) => c.silence())}>{t('simulator.silence')}</button>
            <button type="button" className="sb-app-button" disabled={!live} onClick={() => act((c) => c.hangUp())}>{t('simulator.hangUp')}</button>
          </div>
          <p data-testid="survey-call-back-outcome">
            {ratings.length > 0
              ? t('simulator.surveyCallBack.ratings', { ratings: ratings.map((r) => t('simulator.surveyCallBack.rating', { question: r.question, score: r.score })).join(t('simulator.surveyCallBack.separator')) })
              : t('simulator.surveyCallBack.noRatings')}
          </p>
          <section aria-label={t('simulator.surveyCallBack.transcript')}>
            <TranscriptView lines={lines} timezone={timezone} showDetails={showDetails} {...(names ? { names } : {})} />
          </section>
        </>
      )}
    </section>
  );
}
