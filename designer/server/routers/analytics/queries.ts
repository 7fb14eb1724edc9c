import { ANSWER_WAIT_BUCKETS_SECONDS, type PrismaClient } from "@switchboard/db";
import { emptyTotals, type RollupTotals } from "./kpis.js";
import type { CallFilter, Period } from "./inputs.js";

/**
 * SQL over the hourly rollups (`call_rollups_hourly`, `node_rollups_hourly`; written as calls end, see
 * runtime/src/services/README.md) — never over call_records or node_visits, so a year of calls answers as fast
 * as a day. Callbacks are counted there too (by the call that asked for them).
 */

type Db = Pick<PrismaClient, "$queryRawUnsafe">;

/** `WHERE` clause and parameters for a filter and period over a rollup table aliased `r`. */
function where(filter: CallFilter, period: Period, params: unknown[]): string {
  const clauses: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    clauses.push(sql.replace("?", `$${params.length}`));
  };
  add(`r.environment = ?::"Environment"`, filter.environment);
  add(`r.hour >= ?::timestamptz`, period.from);
  add(`r.hour < ?::timestamptz`, period.to);
  if (filter.flowName !== undefined) add(`r.flow_name = ?`, filter.flowName);
  if (filter.versionId !== undefined) add(`r.version_id = ?`, filter.versionId);
  if (filter.address !== undefined) add(`r.address = ?`, filter.address);
  if (filter.queue !== undefined) add(`r.queue = ?`, filter.queue);
  return clauses.join(" AND ");
}

interface TotalsRow {
  key: string | null;
  outcome: string;
  calls: number;
  queued: number;
  answered: number;
  answer_wait_ms_sum: number;
  talk_count: number;
  talk_ms_sum: number;
  duration_ms_sum: number;
  repeat_24h: number;
  repeat_7d: number;
  callbacks_requested: number;
  callbacks_completed: number;
  callbacks_failed: number;
  buckets: number[];
  survey_answers: number;
  survey_score_sum: number;
  survey_scores: number[];
  survey_second_answers: number;
  survey_second_score_sum: number;
}

/**
 * Rollup sums per outcome (and per `groupBy` column when given), folded into {@link RollupTotals} per group.
 * Bucket arrays are summed element by element in SQL.
 */
export async function rollupTotals(
  db: Db,
  filter: CallFilter,
  period: Period,
  groupBy?: "flow_name" | "address" | "queue" | "version_id" | "branch",
  /** Only the calls that went through this split node (`split_rollups_hourly`); group by "branch" for its branches. */
  split?: { nodeId: string },
): Promise<Map<string, RollupTotals>> {
  const params: unknown[] = [];
  const key = groupBy ? `r.${groupBy}` : `''`;
  let conditions = where(filter, period, params);
  if (split) {
    params.push(split.nodeId);
    conditions += ` AND r.node_id = $${params.length}`;
  }
  if (groupBy === "branch" && !split) throw new Error("rollupTotals: branches exist only for a split node");
  // One sum per bucket (no unnest): one pass over the rows, however many buckets.
  const bucketSums = Array.from({ length: ANSWER_WAIT_BUCKETS_SECONDS.length + 1 }, (_, index) => `COALESCE(sum(r.answer_wait_buckets[${index + 1}]), 0)::float8`).join(", ");
  const rows = await db.$queryRawUnsafe<TotalsRow[]>(
    `SELECT ${key} AS key, r.outcome, sum(r.calls)::float8 AS calls, sum(r.queued)::float8 AS queued, sum(r.answered)::float8 AS answered,
            sum(r.answer_wait_ms_sum)::float8 AS answer_wait_ms_sum, sum(r.talk_count)::float8 AS talk_count,
            sum(r.talk_ms_sum)::float8 AS talk_ms_sum, sum(r.duration_ms_sum)::float8 AS duration_ms_sum,
            sum(r.repeat_24h)::float8 AS repeat_24h, sum(r.repeat_7d)::float8 AS repeat_7d,
            sum(r.callbacks_requested)::float8 AS callbacks_requested, sum(r.callbacks_completed)::float8 AS callbacks_completed,
            sum(r.callbacks_failed)::float8 AS callbacks_failed,
            ARRAY[${bucketSums}] AS buckets,
            sum(r.survey_answers)::float8 AS survey_answers, sum(r.survey_score_sum)::float8 AS survey_score_sum,
            ARRAY[${[1, 2, 3, 4, 5].map((score) => `COALESCE(sum(r.survey_scores[${score}]), 0)::float8`).join(", ")}] AS survey_scores,
            sum(r.survey_second_answers)::float8 AS survey_second_answers, sum(r.survey_second_score_sum)::float8 AS survey_second_score_sum
       FROM ${split ? "split_rollups_hourly" : "call_rollups_hourly"} r WHERE ${conditions}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    ...params,
  );
  const totals = new Map<string, RollupTotals>();
  for (const row of rows) {
    const groupKey = row.key ?? "";
    let sum = totals.get(groupKey);
    if (!sum) totals.set(groupKey, (sum = emptyTotals()));
    sum.calls += row.calls;
    sum.outcomes[row.outcome] = (sum.outcomes[row.outcome] ?? 0) + row.calls;
    sum.queued += row.queued;
    sum.answered += row.answered;
    sum.answerWaitMsSum += row.answer_wait_ms_sum;
    sum.talkCount += row.talk_count;
    sum.talkMsSum += row.talk_ms_sum;
    sum.durationMsSum += row.duration_ms_sum;
    sum.repeat24h += row.repeat_24h;
    sum.repeat7d += row.repeat_7d;
    sum.callbacks.requested += row.callbacks_requested;
    sum.callbacks.completed += row.callbacks_completed;
    sum.callbacks.failed += row.callbacks_failed;
    sum.callbacks.open = sum.callbacks.requested - sum.callbacks.completed - sum.callbacks.failed;
    row.buckets.forEach((count, index) => {
      sum.answerWaitBuckets[index] = (sum.answerWaitBuckets[index] ?? 0) + Number(count);
    });
    const survey = sum.survey;
    survey.answers += row.survey_answers;
    survey.scoreSum += row.survey_score_sum;
    row.survey_scores.forEach((count, index) => {
      survey.scores[index] = (survey.scores[index] ?? 0) + Number(count);
    });
    survey.secondAnswers += row.survey_second_answers;
    survey.secondScoreSum += row.survey_second_score_sum;
  }
  return totals;
}

/** One bucket of the chart. */
export interface SeriesPoint {
  /** Start of the hour or day (ISO, UTC). */
  start: string;
  calls: number;
  selfServed: number;
  answered: number;
  abandonedInIvr: number;
  abandonedInQueue: number;
}

/** Calls per hour or per day (days cut in `timeZone`). */
export async function series(db: Db, filter: CallFilter, period: Period, bucket: "hour" | "day", timeZone: string): Promise<SeriesPoint[]> {
  const params: unknown[] = [];
  const conditions = where(filter, period, params);
  let start = `r.hour`;
  if (bucket === "day") {
    params.push(timeZone);
    start = `(date_trunc('day', r.hour AT TIME ZONE $${params.length}) AT TIME ZONE $${params.length})`;
  }
  const rows = await db.$queryRawUnsafe<{ start: Date; calls: number; self_served: number; answered: number; ivr: number; queue: number }[]>(
    `SELECT ${start} AS start, sum(r.calls)::float8 AS calls,
            (sum(r.calls) FILTER (WHERE r.outcome = 'selfServed'))::float8 AS self_served,
            sum(r.answered)::float8 AS answered,
            (sum(r.calls) FILTER (WHERE r.outcome = 'callerHungUp'))::float8 AS ivr,
            (sum(r.calls) FILTER (WHERE r.outcome = 'abandonedInQueue'))::float8 AS queue
       FROM call_rollups_hourly r WHERE ${conditions} GROUP BY 1 ORDER BY 1`,
    ...params,
  );
  return rows.map((row) => ({
    start: new Date(row.start).toISOString(),
    calls: row.calls,
    selfServed: row.self_served ?? 0,
    answered: row.answered,
    abandonedInIvr: row.ivr ?? 0,
    abandonedInQueue: row.queue ?? 0,
  }));
}

/** The flows, versions, addresses and queues that had calls in the period (for the dashboard's filters). */
export async function dimensions(db: Db, environment: string, period: Period): Promise<{ flows: string[]; addresses: string[]; queues: string[] }> {
  const rows = await db.$queryRawUnsafe<{ kind: string; value: string }[]>(
    `WITH r AS (SELECT flow_name, address, queue FROM call_rollups_hourly
                 WHERE environment = $1::"Environment" AND hour >= $2::timestamptz AND hour < $3::timestamptz)
     SELECT DISTINCT 'flow' AS kind, flow_name AS value FROM r WHERE flow_name <> ''
     UNION SELECT DISTINCT 'address', address FROM r
     UNION SELECT DISTINCT 'queue', queue FROM r WHERE queue <> ''
     ORDER BY 1, 2`,
    environment,
    period.from,
    period.to,
  );
  const of = (kind: string) => rows.filter((row) => row.kind === kind).map((row) => row.value);
  return { flows: of("flow"), addresses: of("address"), queues: of("queue") };
}

/** Per node of a flow: how many callers entered, left by each outlet, ended there and hung up there. */
export interface NodeDropOff {
  nodeId: string;
  nodeType: string;
  entered: number;
  /** Visits by the outlet they left by. */
  outlets: Record<string, number>;
  /** Calls that ended at this node (any outcome). */
  endedHere: number;
  /** Calls whose caller hung up at this node (in the IVR or waiting in a queue). */
  hungUpHere: number;
}

export async function nodeDropOff(db: Db, input: { environment: string; flowName: string; versionId?: string | undefined; period: Period }): Promise<NodeDropOff[]> {
  const params: unknown[] = [input.environment, input.flowName, input.period.from, input.period.to];
  let version = "";
  if (input.versionId !== undefined) {
    params.push(input.versionId);
    version = ` AND version_id = $5`;
  }
  const rows = await db.$queryRawUnsafe<{ node_id: string; node_type: string; outlet: string; visits: number; hung_up: number }[]>(
    `SELECT node_id, min(node_type) AS node_type, outlet, sum(visits)::float8 AS visits, sum(hung_up)::float8 AS hung_up
       FROM node_rollups_hourly
      WHERE environment = $1::"Environment" AND flow_name = $2 AND hour >= $3::timestamptz AND hour < $4::timestamptz${version}
      GROUP BY node_id, outlet ORDER BY node_id, outlet`,
    ...params,
  );
  const nodes = new Map<string, NodeDropOff>();
  for (const row of rows) {
    let node = nodes.get(row.node_id);
    if (!node) nodes.set(row.node_id, (node = { nodeId: row.node_id, nodeType: row.node_type, entered: 0, outlets: {}, endedHere: 0, hungUpHere: 0 }));
    node.entered += row.visits;
    node.hungUpHere += row.hung_up;
    if (row.outlet === "") node.endedHere += row.visits;
    else node.outlets[row.outlet] = (node.outlets[row.outlet] ?? 0) + row.visits;
  }
  return [...nodes.values()];
}

/** The versions of a flow that had calls in the period, newest first, with their numbers. */
export async function versionsWithCalls(db: Db, environment: string, flowName: string, period: Period): Promise<{ versionId: string; number: number | null; calls: number }[]> {
  const rows = await db.$queryRawUnsafe<{ version_id: string; number: number | null; calls: number }[]>(
    `SELECT r.version_id, v.number, sum(r.calls)::float8 AS calls
       FROM call_rollups_hourly r LEFT JOIN flow_versions v ON v.id::text = r.version_id
      WHERE r.environment = $1::"Environment" AND r.flow_name = $2 AND r.hour >= $3::timestamptz AND r.hour < $4::timestamptz AND r.version_id <> ''
      GROUP BY r.version_id, v.number ORDER BY v.number DESC NULLS LAST`,
    environment,
    flowName,
    period.from,
    period.to,
  );
  return rows.map((row) => ({ versionId: row.version_id, number: row.number === null ? null : Number(row.number), calls: row.calls }));
}
