import { ANSWER_WAIT_BUCKETS_SECONDS } from "@switchboard/db";

/** Sums of `call_rollups_hourly` rows over a period: what every KPI is computed from. */
export interface RollupTotals {
  calls: number;
  /** Calls by outcome (the taxonomy of runtime/src/services/README.md). */
  outcomes: Record<string, number>;
  queued: number;
  answered: number;
  answerWaitMsSum: number;
  /** Answered calls per speed-of-answer bucket (ANSWER_WAIT_BUCKETS_SECONDS, then longer). */
  answerWaitBuckets: number[];
  talkCount: number;
  talkMsSum: number;
  durationMsSum: number;
  repeat24h: number;
  repeat7d: number;
  callbacks: CallbackTotals;
  survey: SurveyTotals;
}

/** Satisfaction survey ratings of the period's calls. */
export interface SurveyTotals {
  /** Calls rated on the first question, the ratings' sum, and how many gave 1, 2, 3, 4, 5. */
  answers: number;
  scoreSum: number;
  scores: number[];
  secondAnswers: number;
  secondScoreSum: number;
}

/** Callbacks the period's calls asked for, by what became of them. */
export interface CallbackTotals {
  requested: number;
  completed: number;
  failed: number;
  /** Still pending or being placed. */
  open: number;
}

/** The dashboard's figures for one period. Ratios are 0–1, null when their denominator is 0. */
export interface Kpis {
  calls: number;
  outcomes: Record<string, number>;
  /** Self-served ÷ calls. */
  containment: number | null;
  /** Callers who hung up in the IVR (`callerHungUp`) ÷ calls. */
  ivrAbandonment: number | null;
  /** Callers who hung up waiting in a queue ÷ calls that joined a queue. */
  queueAbandonment: number | null;
  queued: number;
  answered: number;
  /** Mean seconds from joining the queue to an agent answering. */
  averageSpeedOfAnswerSeconds: number | null;
  /** 90th percentile of the same, interpolated inside its bucket. */
  p90SpeedOfAnswerSeconds: number | null;
  /** Answered within `serviceLevelSeconds` ÷ answered. */
  serviceLevel: number | null;
  serviceLevelSeconds: number;
  /** Mean seconds talking to the agent (answered calls whose agent call's length is known). */
  averageHandleTimeSeconds: number | null;
  averageDurationSeconds: number | null;
  callbacks: CallbackTotals;
  /** Completed ÷ (completed + failed): callbacks that reached the caller. */
  callbackSuccessRate: number | null;
  /** Calls from a number that had called the same address in the 24 hours / 7 days before ÷ calls. */
  repeatCallers24h: number | null;
  repeatCallers7d: number | null;
  /** Satisfaction survey: ratings 1–5 given (first question), their mean, how many of each; the second question's mean. */
  satisfaction: { responses: number; average: number | null; distribution: number[]; secondResponses: number; secondAverage: number | null };
}

export const emptyTotals = (): RollupTotals => ({
  calls: 0,
  outcomes: {},
  queued: 0,
  answered: 0,
  answerWaitMsSum: 0,
  answerWaitBuckets: new Array<number>(ANSWER_WAIT_BUCKETS_SECONDS.length + 1).fill(0),
  talkCount: 0,
  talkMsSum: 0,
  durationMsSum: 0,
  repeat24h: 0,
  repeat7d: 0,
  callbacks: { requested: 0, completed: 0, failed: 0, open: 0 },
  survey: { answers: 0, scoreSum: 0, scores: [0, 0, 0, 0, 0], secondAnswers: 0, secondScoreSum: 0 },
});

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * The `q` quantile (0–1) of the answered waits in seconds from the bucket counts: the bucket holding the rank,
 * linearly interpolated between its bounds (the open last bucket answers its lower bound).
 */
export function quantileFromBuckets(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let index = 0; index < buckets.length; index++) {
    const count = buckets[index] ?? 0;
    if (count > 0 && seen + count >= rank) {
      const lower = index === 0 ? 0 : (ANSWER_WAIT_BUCKETS_SECONDS[index - 1] ?? 0);
      const upper = ANSWER_WAIT_BUCKETS_SECONDS[index];
      if (upper === undefined) return lower;
      return lower + ((rank - seen) / count) * (upper - lower);
    }
    seen += count;
  }
  return ANSWER_WAIT_BUCKETS_SECONDS.at(-1) ?? null;
}

/** Answered calls that waited at most `seconds` (a bucket bound). */
export function answeredWithin(buckets: readonly number[], seconds: number): number {
  const last = ANSWER_WAIT_BUCKETS_SECONDS.indexOf(seconds);
  if (last === -1) throw new Error(`no speed-of-answer bucket ends at ${seconds} s`);
  return buckets.slice(0, last + 1).reduce((sum, count) => sum + count, 0);
}

export function computeKpis(totals: RollupTotals, serviceLevelSeconds: number): Kpis {
  const callbacks = totals.callbacks;
  const outcome = (name: string) => totals.outcomes[name] ?? 0;
  return {
    calls: totals.calls,
    outcomes: totals.outcomes,
    containment: ratio(outcome("selfServed"), totals.calls),
    ivrAbandonment: ratio(outcome("callerHungUp"), totals.calls),
    queueAbandonment: ratio(outcome("abandonedInQueue"), totals.queued),
    queued: totals.queued,
    answered: totals.answered,
    averageSpeedOfAnswerSeconds: totals.answered > 0 ? totals.answerWaitMsSum / totals.answered / 1000 : null,
    p90SpeedOfAnswerSeconds: quantileFromBuckets(totals.answerWaitBuckets, 0.9),
    serviceLevel: ratio(answeredWithin(totals.answerWaitBuckets, serviceLevelSeconds), totals.answered),
    serviceLevelSeconds,
    averageHandleTimeSeconds: totals.talkCount > 0 ? totals.talkMsSum / totals.talkCount / 1000 : null,
    averageDurationSeconds: totals.calls > 0 ? totals.durationMsSum / totals.calls / 1000 : null,
    callbacks,
    callbackSuccessRate: ratio(callbacks.completed, callbacks.completed + callbacks.failed),
    repeatCallers24h: ratio(totals.repeat24h, totals.calls),
    repeatCallers7d: ratio(totals.repeat7d, totals.calls),
    satisfaction: {
      responses: totals.survey.answers,
      average: ratio(totals.survey.scoreSum, totals.survey.answers),
      distribution: totals.survey.scores,
      secondResponses: totals.survey.secondAnswers,
      secondAverage: ratio(totals.survey.secondScoreSum, totals.survey.secondAnswers),
    },
  };
}
