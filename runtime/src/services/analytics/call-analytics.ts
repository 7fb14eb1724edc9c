import { randomUUID } from 'node:crypto';
import { rollUpEndedCalls, type Database } from '@switchboard/db';
import { VisitDetailRecorder, type VisitDetail } from '@switchboard/flows';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { CallAnalytics, QueueWaitRecord } from '../contracts.js';
import type { CallRecordOutcome } from './outcomes.js';
import { counterOn, gaugeOn, quietLogger } from '../metrics.js';

/** Settings for {@link createCallAnalytics}. */
export interface CallAnalyticsOptions {
  /** Write as soon as this many rows wait. Default 500. */
  flushSize?: number;
  /** Write at least this often while rows wait. Default 1,000 ms. */
  flushIntervalMs?: number;
  /** Rows held in memory at most (while the database is slow or down); further rows are dropped and counted. Default 100,000. */
  maxBufferedRows?: number;
  /** Calls tracked between start and end at most; the oldest are forgotten beyond it. Default 200,000. */
  maxActiveCalls?: number;
  /** `close()` waits at most this long for the last write. Default 5,000 ms. */
  closeTimeoutMs?: number;
  /**
   * The runtime instance writing these records (`call_records.runtime_instance`); {@link closeLostCalls} closes
   * only the open calls of the instance it is given. Default null (records no owner).
   */
  runtimeInstance?: string | null;
  registry?: Registry;
  logger?: Logger;
}

/** {@link CallAnalytics} that can be flushed and closed. */
export interface BatchedCallAnalytics extends CallAnalytics {
  /** Writes everything buffered now (resolves when written, or when the write failed and rows were kept for later). */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left (one last attempt). */
  close(): Promise<void>;
  /** Rows waiting to be written. */
  readonly buffered: number;
}

interface StartRow {
  id: string;
  callId: string;
  environment: string;
  address: string;
  flowName: string | null;
  versionId: string | null;
  caller: string;
  at: number;
  incidentId: string | null;
}
interface VisitRow {
  recordId: string;
  sequence: number;
  nodeId: string;
  nodeType: string;
  /** The sub-flow holding the node; null for the call's own flow. */
  flowName: string | null;
  at: number;
}
/** How the call left a visit already buffered or written: its outlet and why (null: unknown, kept as is), and what happened there. */
interface ExitRow {
  recordId: string;
  sequence: number;
  outlet: string | null;
  reason: string | null;
  /** Texts already cleaned of NUL and lone surrogates (flows `VisitDetail`). */
  detail: VisitDetail | null;
}
interface EndRow {
  callId: string;
  outcome: string;
  reason: string;
  at: number;
  queue: QueueWaitRecord | null;
  survey: SurveyScores;
}

/** The caller's survey ratings (1–5), by question; null when not given. */
interface SurveyScores {
  first: number | null;
  second: number | null;
}

/** A call between its start and end, as the writer tracks it. */
interface ActiveCall {
  recordId: string;
  nextSequence: number;
  flowName: string | null;
  queue: QueueWaitRecord | null;
  /** Prompts heard and what came back, per visit, until each visit ends. */
  details: VisitDetailRecorder;
  survey: SurveyScores;
}
interface Batch {
  starts: StartRow[];
  visits: VisitRow[];
  exits: ExitRow[];
  ends: EndRow[];
}

const ENVIRONMENTS = new Set(['staging', 'production']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (ms: number) => new Date(ms).toISOString();
/**
 * A time as epoch ms for `to_timestamp($n / 1000)` (the columns keep ms): no Date and ISO string per visit. A time
 * that is not finite is stored as the epoch rather than failing its whole batch.
 */
const epochMs = (ms: number) => (Number.isFinite(ms) ? Math.round(ms) : 0);
const isoOrNull = (ms: number | null | undefined) => (ms === null || ms === undefined || !Number.isFinite(ms) ? null : iso(ms));
/** Milliseconds between two times, null unless both are known; never negative (clocks of switch and runtime). */
const span = (from: number | null, to: number | null) => (from === null || to === null || !Number.isFinite(from) || !Number.isFinite(to) ? null : Math.min(2_000_000_000, Math.max(0, Math.round(to - from))));
/** PostgreSQL text cannot hold NUL; one such value would otherwise fail its whole batch on every retry. */
const text = (value: string) => (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value);

/**
 * Rows a statement wrote, counted by the database (`WITH … RETURNING 1) SELECT count(*)`): one row back instead of
 * one per visit, which the driver would parse into objects only to count them.
 */
type Counted = { n: number };
const count = (rows: Counted[]) => rows[0]?.n ?? 0;

const size = (batch: Batch) => batch.starts.length + batch.visits.length + batch.exits.length + batch.ends.length;
const emptyBatch = (): Batch => ({ starts: [], visits: [], exits: [], ends: [] });

/**
 * Call records and node visits written in batches to `call_records` / `node_visits`.
 *
 * The three methods only append to memory and never wait or throw, so call handling is never slowed by the
 * database. A batch is written in one transaction (three `unnest` statements, idempotent on retry) when
 * `flushSize` rows wait or every `flushIntervalMs`, and on `close()`. When the database is down, rows stay
 * buffered and the write is retried; beyond `maxBufferedRows`, new rows are dropped, counted in
 * `switchboard_analytics_rows_dropped_total` and logged (at most once a minute).
 *
 * The outcome stored is a {@link CallRecordOutcome} (the flow's outcome, or the runtime's `fallback`,
 * `shutdownDrained`, `switchLost`; `runtimeLost` is written by {@link closeLostCalls}) with the reason in words in
 * `end_reason`; "hung up at node X" is the `callerHungUp` outcome with X the call's last node visit (see
 * `nodeMetrics`). Each visit gets the outlet it was left by and why when the next visit (or the end) says so, and
 * with it its detail (`node_visits.detail`: prompts heard, keys, the switch's answers) from {@link CallAnalytics.stepped}.
 */
export function createCallAnalytics(db: Pick<Database, 'sql'>, options: CallAnalyticsOptions = {}): BatchedCallAnalytics {
  const flushSize = options.flushSize ?? 500;
  const flushIntervalMs = options.flushIntervalMs ?? 1000;
  const maxBuffered = options.maxBufferedRows ?? 100_000;
  const maxActiveCalls = options.maxActiveCalls ?? 200_000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 5000;
  const runtimeInstance = options.runtimeInstance ?? null;
  const logger = options.logger ?? quietLogger();
  const written = counterOn(options.registry, 'switchboard_analytics_rows_written_total', 'Analytics rows written', ['table']);
  const dropped = counterOn(options.registry, 'switchboard_analytics_rows_dropped_total', 'Analytics rows dropped (buffer full, bad data, unknown call)', ['reason']);
  const bufferedGauge = gaugeOn(options.registry, 'switchboard_analytics_rows_buffered', 'Analytics rows waiting to be written');

  const active = new Map<string, ActiveCall>();
  let pending: Batch = emptyBatch();
  /** A batch that failed to write; written before anything newer so rows land in order. */
  let retrying: Batch | undefined;
  /** The batch being written right now (still counted as buffered). */
  let inFlight: Batch | undefined;
  let writing: Promise<void> | undefined;
  let closed = false;
  /** A full batch's write is due after the I/O being handled (a node visit comes just before the call's next command). */
  let flushDue = false;
  let lastDropLog = 0;
  let failures = 0;

  const buffered = () => size(pending) + (retrying ? size(retrying) : 0) + (inFlight ? size(inFlight) : 0);

  function drop(reason: string, count = 1): void {
    dropped.inc({ reason }, count);
    if (reason === 'bufferFull' && Date.now() - lastDropLog > 60_000) {
      lastDropLog = Date.now();
      logger.error({ buffered: buffered() }, 'analytics buffer full (database unavailable?): dropping call records');
    }
  }

  function admit(): boolean {
    if (closed) return false;
    if (buffered() >= maxBuffered) {
      drop('bufferFull');
      return false;
    }
    return true;
  }

  function added(): void {
    bufferedGauge.set(buffered());
    if (size(pending) >= flushSize && !writing && !flushDue) {
      flushDue = true;
      setImmediate(() => {
        flushDue = false;
        if (!writing) void flush();
      });
    }
  }

  async function write(batch: Batch): Promise<void> {
    const counts = await db.sql.transaction(async (tx) => {
      const inserted = { starts: 0, visits: 0, exits: 0, ends: 0 };
      if (batch.starts.length > 0) {
        inserted.starts = count(await tx.query<Counted>(
          `WITH ins AS (INSERT INTO call_records (id, call_id, environment, address, flow_name, version_id, caller_number, started_at, runtime_instance, incident_id)
           SELECT r.id, r.call_id, r.environment::"Environment", r.address, r.flow_name, r.version_id, r.caller_number, to_timestamp(r.started_at / 1000), $9::text, r.incident_id
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::float8[], $10::uuid[])
                  AS r(id, call_id, environment, address, flow_name, version_id, caller_number, started_at, incident_id)
           ON CONFLICT (call_id) DO NOTHING RETURNING 1) SELECT count(*)::int AS n FROM ins`,
          [
            batch.starts.map((s) => s.id),
            batch.starts.map((s) => s.callId),
            batch.starts.map((s) => s.environment),
            batch.starts.map((s) => s.address),
            batch.starts.map((s) => s.flowName),
            batch.starts.map((s) => s.versionId),
            batch.starts.map((s) => s.caller),
            batch.starts.map((s) => epochMs(s.at)),
            runtimeInstance,
            batch.starts.map((s) => s.incidentId),
          ],
        ));
      }
      if (batch.visits.length > 0) {
        // Joined to call_records so visits of a call whose start was dropped are skipped, not a failed batch.
        inserted.visits = count(await tx.query<Counted>(
          `WITH ins AS (INSERT INTO node_visits (call_record_id, sequence, node_id, node_type, entered_at, flow_name)
           SELECT v.record_id, v.sequence, v.node_id, v.node_type, to_timestamp(v.entered_at / 1000), v.flow_name
             FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::float8[], $6::text[]) AS v(record_id, sequence, node_id, node_type, entered_at, flow_name)
             JOIN call_records c ON c.id = v.record_id
           ON CONFLICT (call_record_id, sequence) DO NOTHING RETURNING 1) SELECT count(*)::int AS n FROM ins`,
          [
            batch.visits.map((v) => v.recordId),
            batch.visits.map((v) => v.sequence),
            batch.visits.map((v) => v.nodeId),
            batch.visits.map((v) => v.nodeType),
            batch.visits.map((v) => epochMs(v.at)),
            batch.visits.map((v) => v.flowName),
          ],
        ));
      }
      if (batch.exits.length > 0) {
        // After the inserts: the visit left may be in this very batch. A visit's detail travels with its exit (no
        // extra statement); an exit that only brings a detail (the call ended there) keeps the outlet as it is. The
        // batch's details go as one JSON array (one stringify, no per-element array escaping), matched by position.
        inserted.exits = count(await tx.query<Counted>(
          `WITH upd AS (UPDATE node_visits v SET outlet = COALESCE(x.outlet, v.outlet), outlet_reason = COALESCE(x.reason, v.outlet_reason), detail = COALESCE(x.detail, v.detail)
             FROM (SELECT u.record_id, u.sequence, u.outlet, u.reason, NULLIF(d.detail, 'null'::jsonb) AS detail
                     FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[]) WITH ORDINALITY AS u(record_id, sequence, outlet, reason, n)
                     JOIN jsonb_array_elements($5::jsonb) WITH ORDINALITY AS d(detail, n) ON d.n = u.n) AS x
            WHERE v.call_record_id = x.record_id AND v.sequence = x.sequence RETURNING 1) SELECT count(*)::int AS n FROM upd`,
          [batch.exits.map((x) => x.recordId), batch.exits.map((x) => x.sequence), batch.exits.map((x) => x.outlet), batch.exits.map((x) => x.reason), JSON.stringify(batch.exits.map((x) => x.detail))],
        ));
      }
      if (batch.ends.length > 0) {
        // A call closed already (e.g. as runtimeLost by a restarted runtime) keeps that ending; the calls ended
        // here are added to the hourly rollups in the same transaction, so each is counted exactly once.
        const ended = await tx.query<{ id: string }>(
          `UPDATE call_records c SET ended_at = e.ended_at, outcome = e.outcome, end_reason = e.reason,
                  queue_name = e.queue_name, queue_joined_at = e.queue_joined_at, queue_wait_ms = e.queue_wait_ms,
                  answered_at = e.answered_at, agent = e.agent, talk_ms = e.talk_ms,
                  survey_score = COALESCE(e.survey_score, c.survey_score), survey_second_score = COALESCE(e.survey_second_score, c.survey_second_score)
             FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::timestamptz[], $7::int[], $8::timestamptz[], $9::text[], $10::int[], $11::int[], $12::int[])
                  AS e(call_id, outcome, ended_at, reason, queue_name, queue_joined_at, queue_wait_ms, answered_at, agent, talk_ms, survey_score, survey_second_score)
            WHERE c.call_id = e.call_id AND c.ended_at IS NULL RETURNING c.id`,
          [
            batch.ends.map((e) => e.callId),
            batch.ends.map((e) => e.outcome),
            batch.ends.map((e) => iso(e.at)),
            batch.ends.map((e) => e.reason),
            batch.ends.map((e) => (e.queue ? text(e.queue.queue) : null)),
            batch.ends.map((e) => isoOrNull(e.queue?.joinedAt)),
            batch.ends.map((e) => (e.queue ? span(e.queue.joinedAt, e.queue.answeredAt ?? e.queue.leftAt) : null)),
            batch.ends.map((e) => isoOrNull(e.queue?.answeredAt)),
            batch.ends.map((e) => (e.queue?.agent ? text(e.queue.agent) : null)),
            batch.ends.map((e) => (e.queue?.talkMs == null || !Number.isFinite(e.queue.talkMs) ? null : Math.min(2_000_000_000, Math.max(0, Math.round(e.queue.talkMs))))),
            batch.ends.map((e) => e.survey.first),
            batch.ends.map((e) => e.survey.second),
          ],
        );
        inserted.ends = ended.length;
        await rollUpEndedCalls(tx, ended.map((row) => row.id));
      }
      return inserted;
    });
    written.inc({ table: 'call_records' }, counts.starts);
    written.inc({ table: 'node_visits' }, counts.visits);
    written.inc({ table: 'node_visits_exits' }, counts.exits);
    written.inc({ table: 'call_records_ended' }, counts.ends);
  }

  async function writeAll(): Promise<void> {
    if (!retrying && size(pending) === 0) return;
    const batch = retrying ?? pending;
    if (!retrying) pending = emptyBatch();
    retrying = undefined;
    inFlight = batch;
    try {
      await write(batch);
      failures = 0;
    } catch (error) {
      retrying = batch;
      failures += 1;
      if (failures === 1 || failures % 60 === 0) logger.warn({ err: error, rows: size(batch), failures }, 'analytics write failed; keeping rows and retrying');
      throw error;
    } finally {
      inFlight = undefined;
      bufferedGauge.set(buffered());
    }
  }

  function flush(): Promise<void> {
    writing ??= (async () => {
      try {
        await writeAll();
        // A failed batch retried successfully: write what arrived meanwhile, too.
        if (size(pending) >= flushSize) await writeAll();
      } catch {
        // Kept in `retrying`; the timer tries again.
      } finally {
        writing = undefined;
      }
    })();
    return writing;
  }

  /** The call's latest visit was left by `exit`'s outlet (null: the call ended there), with what happened there. */
  function exitLastVisit(call: ActiveCall, exit: { outlet: string; reason: string } | null, detail: VisitDetail | null): void {
    if (!exit && !detail) return;
    pending.exits.push({
      recordId: call.recordId,
      sequence: call.nextSequence - 1,
      outlet: exit ? text(exit.outlet) : null,
      reason: exit ? text(exit.reason) : null,
      detail,
    });
  }

  const timer = setInterval(() => void flush(), flushIntervalMs);
  timer.unref();

  return {
    get buffered() {
      return buffered();
    },

    callStarted(call) {
      if (!admit()) return;
      if (!ENVIRONMENTS.has(call.environment)) {
        drop('badEnvironment');
        return;
      }
      const recordId = randomUUID();
      active.set(call.callId, { recordId, nextSequence: 0, flowName: call.flowName, queue: null, details: new VisitDetailRecorder(), survey: { first: null, second: null } });
      if (active.size > maxActiveCalls) {
        const oldest = active.keys().next().value;
        if (oldest !== undefined) active.delete(oldest);
      }
      pending.starts.push({
        id: recordId,
        callId: text(call.callId),
        environment: call.environment,
        address: text(call.address),
        flowName: call.flowName === null ? null : text(call.flowName),
        versionId: call.versionId && UUID.test(call.versionId) ? call.versionId : null,
        caller: text(call.caller),
        at: call.at,
        incidentId: call.incidentId && UUID.test(call.incidentId) ? call.incidentId : null,
      });
      added();
    },

    nodeVisited(visit) {
      if (!admit()) return;
      const call = active.get(visit.callId);
      if (!call) {
        drop('unknownCall');
        return;
      }
      const ended = call.details.visitStarted();
      if (call.nextSequence > 0) exitLastVisit(call, visit.arrivedFrom, ended);
      const flowName = visit.flowName === call.flowName ? null : text(visit.flowName);
      pending.visits.push({ recordId: call.recordId, sequence: call.nextSequence++, nodeId: text(visit.nodeId), nodeType: text(visit.nodeType), flowName, at: visit.at });
      added();
    },

    stepped(callId, event, effects) {
      active.get(callId)?.details.stepped(event, effects);
    },

    queueWaited(wait) {
      const call = active.get(wait.callId);
      if (!call) return;
      // The answered wait says how the caller was served; a later unanswered one (back in a queue) does not undo it.
      if (call.queue?.answeredAt != null && wait.answeredAt === null) return;
      call.queue = { ...wait };
    },

    surveyAnswered(answer) {
      const call = active.get(answer.callId);
      // Only a whole key 1–5 is a rating (the node never sends anything else; a bad caller of this API must not
      // put a 7 into the KPI). A question asked again keeps the latest answer.
      if (!call || !Number.isInteger(answer.score) || answer.score < 1 || answer.score > 5) return;
      if (answer.question === 1) call.survey.first = answer.score;
      else call.survey.second = answer.score;
    },

    callEnded(end) {
      const call = active.get(end.callId);
      active.delete(end.callId);
      if (!admit()) return;
      if (call && call.nextSequence > 0) exitLastVisit(call, end.lastExit ?? null, call.details.currentDetail);
      pending.ends.push({ callId: text(end.callId), outcome: end.outcome satisfies CallRecordOutcome, reason: text(end.reason), at: end.at, queue: call?.queue ?? null, survey: call?.survey ?? { first: null, second: null } });
      added();
    },

    flush,

    async close() {
      closed = true;
      clearInterval(timer);
      // A database that never answers must not hold up shutdown.
      let giveUp: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        giveUp = setTimeout(resolve, closeTimeoutMs);
      });
      await Promise.race([
        (async () => {
          await writing;
          await flush();
        })(),
        deadline,
      ]);
      clearTimeout(giveUp);
      if (buffered() > 0) {
        drop('closedUnwritten', buffered());
        logger.error({ rows: buffered() }, 'analytics rows not written at shutdown');
      }
    },
  };
}

/** What {@link closeLostCalls} did. */
export interface LostCalls {
  /** Call ids closed as `runtimeLost`. */
  readonly callIds: readonly string[];
}

/**
 * Closes the calls this runtime instance left open — started before `at` and never ended, because the runtime
 * that handled them was killed or crashed — as `runtimeLost`, with `ended_at` = `at` (the restart, not the real
 * end, which nobody saw). Only calls whose `runtime_instance` is `runtimeInstance`: other runtimes sharing the
 * database keep their calls in progress. Run it at start-up, before accepting calls.
 */
export async function closeLostCalls(db: Pick<Database, 'sql'>, runtimeInstance: string, at: number): Promise<LostCalls> {
  const rows = await db.sql.transaction(async (tx) => {
    const closed = await tx.query<{ id: string; call_id: string }>(
      `UPDATE call_records SET ended_at = $2::timestamptz, outcome = 'runtimeLost',
              end_reason = 'still open when runtime instance ' || $1 || ' started again (it stopped without closing the call)'
        WHERE runtime_instance = $1 AND ended_at IS NULL AND started_at <= $2::timestamptz
        RETURNING id, call_id`,
      [runtimeInstance, iso(at)],
    );
    await rollUpEndedCalls(tx, closed.map((row) => row.id));
    return closed;
  });
  return { callIds: rows.map((row) => row.call_id) };
}
