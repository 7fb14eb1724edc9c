import type { SqlConnection } from "./sql.js";

/**
 * Upper bounds (seconds, inclusive) of the speed-of-answer buckets in `call_rollups_hourly.answer_wait_buckets`:
 * bucket i counts answered calls that waited at most `ANSWER_WAIT_BUCKETS_SECONDS[i]` (and more than the bound
 * before it); one more bucket at the end counts longer waits. Service level is exact at these bounds; the p90 is
 * interpolated inside its bucket. Append only: existing rows keep their meaning.
 */
export const ANSWER_WAIT_BUCKETS_SECONDS: readonly number[] = [5, 10, 15, 20, 25, 30, 40, 45, 50, 60, 75, 90, 120, 150, 180, 240, 300, 420, 600, 900, 1200, 1800, 3600];

/** Numbers that say nothing about who called; never counted as repeat callers. */
const ANONYMOUS = `('', 'anonymous', 'unknown', 'private', 'restricted', '0000000000')`;

const repeatWithin = (interval: string) =>
  `(lower(c.caller_number) NOT IN ${ANONYMOUS} AND EXISTS (
     SELECT 1 FROM call_records p
      WHERE p.caller_number = c.caller_number AND p.address = c.address AND p.environment = c.environment
        AND p.started_at < c.started_at AND p.started_at >= c.started_at - interval '${interval}' AND p.id <> c.id))`;

const HOUR = (column: string) => `to_timestamp(floor(extract(epoch FROM ${column}) / 3600) * 3600)`;

const bucketCounts = (): string =>
  `ARRAY[${[...ANSWER_WAIT_BUCKETS_SECONDS, Infinity].map((_, index) => `(count(*) FILTER (WHERE answered_at IS NOT NULL AND bucket = ${index}))::int`).join(", ")}]`;

const MEASURES = `calls, queued, answered,
         answer_wait_ms_sum, answer_wait_buckets, unanswered_wait_ms_sum, talk_count, talk_ms_sum, duration_ms_sum, repeat_24h, repeat_7d,
         callbacks_requested, callbacks_completed, callbacks_failed,
         survey_answers, survey_score_sum, survey_scores, survey_second_answers, survey_second_score_sum`;

/**
 * Adds the ended calls ($1: call record ids; $2: the answer-wait bucket bounds in ms) to `table`: the calls'
 * measures summed per key (`keys`: the table's key columns after environment … queue, hour and outcome, as
 * `ended` columns); `extra.join` joins each ended call (`ended`) to the rows that give those extra keys.
 */
const rollupSql = (table: string, extra: { keys: string[]; join: string } | null) => {
  const extraKeys = extra ? extra.keys.map((key) => `, ${key}`).join("") : "";
  const keys = `environment, flow_name, version_id, address, queue${extraKeys}, hour, outcome`;
  return `
  WITH ended AS (
    SELECT c.id AS call_record_id, c.environment, COALESCE(c.flow_name, '') AS flow_name, COALESCE(c.version_id::text, '') AS version_id, c.address,
           COALESCE(c.queue_name, '') AS queue, ${HOUR("c.started_at")} AS hour, COALESCE(c.outcome, 'unknown') AS outcome,
           c.queue_joined_at, c.answered_at, c.queue_wait_ms, c.talk_ms, c.survey_score, c.survey_second_score,
           GREATEST(0, (extract(epoch FROM (c.ended_at - c.started_at)) * 1000)::bigint) AS duration_ms,
           width_bucket(GREATEST(c.queue_wait_ms, 0) - 1, $2::int[]) AS bucket,
           ${repeatWithin("24 hours")} AS repeat_24h,
           ${repeatWithin("7 days")} AS repeat_7d,
           cb.requested, cb.completed, cb.failed
      FROM call_records c
      LEFT JOIN LATERAL (SELECT count(*)::int AS requested, (count(*) FILTER (WHERE status = 'completed'))::int AS completed,
                                (count(*) FILTER (WHERE status = 'failed'))::int AS failed
                           FROM callbacks WHERE callbacks.call_id = c.call_id AND callbacks.purpose = 'queue') cb ON true
     WHERE c.id = ANY($1::uuid[]) AND c.ended_at IS NOT NULL
  )
  INSERT INTO ${table} AS r (${keys}, ${MEASURES})
  SELECT ${keys},
         count(*)::int, count(queue_joined_at)::int, count(answered_at)::int,
         COALESCE(sum(queue_wait_ms) FILTER (WHERE answered_at IS NOT NULL), 0),
         ${bucketCounts()},
         COALESCE(sum(queue_wait_ms) FILTER (WHERE answered_at IS NULL AND queue_joined_at IS NOT NULL), 0),
         (count(talk_ms) FILTER (WHERE answered_at IS NOT NULL))::int,
         COALESCE(sum(talk_ms) FILTER (WHERE answered_at IS NOT NULL), 0),
         sum(duration_ms),
         (count(*) FILTER (WHERE repeat_24h))::int, (count(*) FILTER (WHERE repeat_7d))::int,
         sum(requested)::int, sum(completed)::int, sum(failed)::int,
         count(survey_score)::int, COALESCE(sum(survey_score), 0)::int,
         ARRAY[${[1, 2, 3, 4, 5].map((score) => `(count(*) FILTER (WHERE survey_score = ${score}))::int`).join(", ")}],
         count(survey_second_score)::int, COALESCE(sum(survey_second_score), 0)::int
    FROM ended${extra ? ` ${extra.join}` : ""}
   GROUP BY ${keys}
   -- One order for every writer, so concurrent runtimes upserting the same rows queue up instead of deadlocking.
   ORDER BY ${keys}
  ON CONFLICT (${keys}) DO UPDATE SET
    calls = r.calls + EXCLUDED.calls,
    queued = r.queued + EXCLUDED.queued,
    answered = r.answered + EXCLUDED.answered,
    answer_wait_ms_sum = r.answer_wait_ms_sum + EXCLUDED.answer_wait_ms_sum,
    answer_wait_buckets = ARRAY(SELECT COALESCE(a, 0) + COALESCE(b, 0) FROM unnest(r.answer_wait_buckets, EXCLUDED.answer_wait_buckets) WITH ORDINALITY AS t(a, b, i) ORDER BY i),
    unanswered_wait_ms_sum = r.unanswered_wait_ms_sum + EXCLUDED.unanswered_wait_ms_sum,
    talk_count = r.talk_count + EXCLUDED.talk_count,
    talk_ms_sum = r.talk_ms_sum + EXCLUDED.talk_ms_sum,
    duration_ms_sum = r.duration_ms_sum + EXCLUDED.duration_ms_sum,
    repeat_24h = r.repeat_24h + EXCLUDED.repeat_24h,
    repeat_7d = r.repeat_7d + EXCLUDED.repeat_7d,
    callbacks_requested = r.callbacks_requested + EXCLUDED.callbacks_requested,
    callbacks_completed = r.callbacks_completed + EXCLUDED.callbacks_completed,
    callbacks_failed = r.callbacks_failed + EXCLUDED.callbacks_failed,
    survey_answers = r.survey_answers + EXCLUDED.survey_answers,
    survey_score_sum = r.survey_score_sum + EXCLUDED.survey_score_sum,
    survey_scores = ARRAY(SELECT COALESCE(a, 0) + COALESCE(b, 0) FROM unnest(r.survey_scores, EXCLUDED.survey_scores) WITH ORDINALITY AS t(a, b, i) ORDER BY i),
    survey_second_answers = r.survey_second_answers + EXCLUDED.survey_second_answers,
    survey_second_score_sum = r.survey_second_score_sum + EXCLUDED.survey_second_score_sum`;
};

const CALL_ROLLUP_SQL = rollupSql("call_rollups_hourly", null);

/** Per branch of each split node the call went through (once per node and branch, however often it looped). */
const SPLIT_ROLLUP_SQL = rollupSql("split_rollups_hourly", {
  keys: ["node_id", "branch"],
  join: `JOIN LATERAL (SELECT DISTINCT v.node_id, v.outlet AS branch FROM node_visits v
                        WHERE v.call_record_id = ended.call_record_id AND v.node_type = 'split' AND v.outlet IS NOT NULL) b ON true`,
});

const NODE_ROLLUP_SQL = `
  INSERT INTO node_rollups_hourly AS r (environment, flow_name, version_id, node_id, outlet, hour, node_type, visits, hung_up)
  SELECT c.environment, COALESCE(v.flow_name, c.flow_name, ''), COALESCE(c.version_id::text, ''), v.node_id, COALESCE(v.outlet, ''),
         ${HOUR("c.started_at")}, min(v.node_type), count(*)::int,
         (count(*) FILTER (WHERE v.outlet IS NULL AND c.outcome IN ('callerHungUp', 'abandonedInQueue')))::int
    FROM node_visits v JOIN call_records c ON c.id = v.call_record_id
   WHERE v.call_record_id = ANY($1::uuid[]) AND c.ended_at IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (environment, flow_name, version_id, node_id, outlet, hour) DO UPDATE SET
    visits = r.visits + EXCLUDED.visits, hung_up = r.hung_up + EXCLUDED.hung_up, node_type = EXCLUDED.node_type`;

/**
 * Adds calls that have just ended to the hourly rollups (`call_rollups_hourly`, `node_rollups_hourly`,
 * `split_rollups_hourly`), with the
 * callbacks they asked for (completed / failed as they are now; later outcomes are added by the
 * `callbacks_count_outcome_in_rollups` trigger). Run it in the transaction that ended them, with the ids of exactly the calls it ended (an `UPDATE … WHERE ended_at IS
 * NULL RETURNING id`): each call must be added once. Their node visits must be written already.
 */
export async function rollUpEndedCalls(tx: SqlConnection, callRecordIds: readonly string[]): Promise<void> {
  if (callRecordIds.length === 0) return;
  await tx.query(CALL_ROLLUP_SQL, [callRecordIds, ANSWER_WAIT_BUCKETS_SECONDS.map((seconds) => seconds * 1000)]);
  await tx.query(NODE_ROLLUP_SQL, [callRecordIds]);
  await tx.query(SPLIT_ROLLUP_SQL, [callRecordIds, ANSWER_WAIT_BUCKETS_SECONDS.map((seconds) => seconds * 1000)]);
}

/** The rollup keys of one call record (`$1`), as `rollupSql` groups it. */
const CALL_KEYS = `SELECT c.id, c.environment, COALESCE(c.flow_name, '') AS flow_name, COALESCE(c.version_id::text, '') AS version_id, c.address,
                          COALESCE(c.queue_name, '') AS queue, ${HOUR("c.started_at")} AS hour, COALESCE(c.outcome, 'unknown') AS outcome
                     FROM call_records c WHERE c.id = $1::uuid`;
const SAME_KEYS = `r.environment = k.environment AND r.flow_name = k.flow_name AND r.version_id = k.version_id AND r.address = k.address
                   AND r.queue = k.queue AND r.hour = k.hour AND r.outcome = k.outcome`;
const addRating = (question: 1 | 2) =>
  question === 1
    ? `survey_answers = r.survey_answers + 1, survey_score_sum = r.survey_score_sum + $2, survey_scores[$2] = r.survey_scores[$2] + 1`
    : `survey_second_answers = r.survey_second_answers + 1, survey_second_score_sum = r.survey_second_score_sum + $2`;

/**
 * A rating given after its call ended (a survey call-back) counts for that call: it is stored on the call's record
 * (`callId`; the first rating of each question wins) and, when the call has been rolled up already, added to its
 * rows in `call_rollups_hourly` and in `split_rollups_hourly` for every split branch it took. A call not ended yet
 * counts the rating when it ends (the end keeps a stored rating). Run it in a transaction. Returns false when there
 * is no such call or the question was answered already.
 */
export async function recordLateSurveyAnswer(tx: SqlConnection, answer: { callId: string; question: 1 | 2; score: number }): Promise<boolean> {
  if (!Number.isInteger(answer.score) || answer.score < 1 || answer.score > 5) throw new Error(`survey score ${answer.score} is not a whole number from 1 to 5`);
  const column = answer.question === 1 ? "survey_score" : "survey_second_score";
  const [stored] = await tx.query<{ id: string; ended: boolean }>(
    `UPDATE call_records SET ${column} = $2 WHERE call_id = $1 AND ${column} IS NULL RETURNING id, ended_at IS NOT NULL AS ended`,
    [answer.callId, answer.score],
  );
  if (!stored) return false;
  if (!stored.ended) return true;
  await tx.query(`WITH k AS (${CALL_KEYS}) UPDATE call_rollups_hourly r SET ${addRating(answer.question)} FROM k WHERE ${SAME_KEYS}`, [stored.id, answer.score]);
  await tx.query(
    `WITH k AS (${CALL_KEYS}),
          b AS (SELECT DISTINCT v.node_id, v.outlet AS branch FROM node_visits v WHERE v.call_record_id = $1::uuid AND v.node_type = 'split' AND v.outlet IS NOT NULL)
     UPDATE split_rollups_hourly r SET ${addRating(answer.question)} FROM k, b WHERE ${SAME_KEYS} AND r.node_id = b.node_id AND r.branch = b.branch`,
    [stored.id, answer.score],
  );
  return true;
}
