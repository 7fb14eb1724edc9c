import { randomUUID } from 'node:crypto';
import type { Database } from '@switchboard/db';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { CallAnalytics } from '../contracts.js';
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
  flowName: string;
  versionId: string | null;
  caller: string;
  at: number;
}
interface VisitRow {
  recordId: string;
  sequence: number;
  nodeId: string;
  nodeType: string;
  at: number;
}
interface EndRow {
  callId: string;
  outcome: string;
  at: number;
}
interface Batch {
  starts: StartRow[];
  visits: VisitRow[];
  ends: EndRow[];
}

const ENVIRONMENTS = new Set(['staging', 'production']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (ms: number) => new Date(ms).toISOString();
/** PostgreSQL text cannot hold NUL; one such value would otherwise fail its whole batch on every retry. */
const text = (value: string) => (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value);

const size = (batch: Batch) => batch.starts.length + batch.visits.length + batch.ends.length;

/**
 * Call records and node visits written in batches to `call_records` / `node_visits`.
 *
 * The three methods only append to memory and never wait or throw, so call handling is never slowed by the
 * database. A batch is written in one transaction (three `unnest` statements, idempotent on retry) when
 * `flushSize` rows wait or every `flushIntervalMs`, and on `close()`. When the database is down, rows stay
 * buffered and the write is retried; beyond `maxBufferedRows`, new rows are dropped, counted in
 * `switchboard_analytics_rows_dropped_total` and logged (at most once a minute).
 *
 * The outcome stored is the interpreter's `CallOutcome` (`selfServed`, `transferred`, `answeredFromQueue`,
 * `abandonedInQueue`, `callbackScheduled`, `voicemail`, `callerHungUp`, `error`); "hung up at node X" is the
 * `callerHungUp` outcome with X the call's last node visit (see `nodeMetrics`).
 */
export function createCallAnalytics(db: Pick<Database, 'sql'>, options: CallAnalyticsOptions = {}): BatchedCallAnalytics {
  const flushSize = options.flushSize ?? 500;
  const flushIntervalMs = options.flushIntervalMs ?? 1000;
  const maxBuffered = options.maxBufferedRows ?? 100_000;
  const maxActiveCalls = options.maxActiveCalls ?? 200_000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 5000;
  const logger = options.logger ?? quietLogger();
  const written = counterOn(options.registry, 'switchboard_analytics_rows_written_total', 'Analytics rows written', ['table']);
  const dropped = counterOn(options.registry, 'switchboard_analytics_rows_dropped_total', 'Analytics rows dropped (buffer full, bad data, unknown call)', ['reason']);
  const bufferedGauge = gaugeOn(options.registry, 'switchboard_analytics_rows_buffered', 'Analytics rows waiting to be written');

  const active = new Map<string, { recordId: string; nextSequence: number }>();
  let pending: Batch = { starts: [], visits: [], ends: [] };
  /** A batch that failed to write; written before anything newer so rows land in order. */
  let retrying: Batch | undefined;
  /** The batch being written right now (still counted as buffered). */
  let inFlight: Batch | undefined;
  let writing: Promise<void> | undefined;
  let closed = false;
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
    if (size(pending) >= flushSize && !writing) void flush();
  }

  async function write(batch: Batch): Promise<void> {
    const counts = await db.sql.transaction(async (tx) => {
      const inserted = { starts: 0, visits: 0, ends: 0 };
      if (batch.starts.length > 0) {
        inserted.starts = (await tx.query(
          `INSERT INTO call_records (id, call_id, environment, address, flow_name, version_id, caller_number, started_at)
           SELECT r.id, r.call_id, r.environment::"Environment", r.address, r.flow_name, r.version_id, r.caller_number, r.started_at
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::timestamptz[])
                  AS r(id, call_id, environment, address, flow_name, version_id, caller_number, started_at)
           ON CONFLICT (call_id) DO NOTHING RETURNING 1`,
          [
            batch.starts.map((s) => s.id),
            batch.starts.map((s) => s.callId),
            batch.starts.map((s) => s.environment),
            batch.starts.map((s) => s.address),
            batch.starts.map((s) => s.flowName),
            batch.starts.map((s) => s.versionId),
            batch.starts.map((s) => s.caller),
            batch.starts.map((s) => iso(s.at)),
          ],
        )).length;
      }
      if (batch.visits.length > 0) {
        // Joined to call_records so visits of a call whose start was dropped are skipped, not a failed batch.
        inserted.visits = (await tx.query(
          `INSERT INTO node_visits (call_record_id, sequence, node_id, node_type, entered_at)
           SELECT v.record_id, v.sequence, v.node_id, v.node_type, v.entered_at
             FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[]) AS v(record_id, sequence, node_id, node_type, entered_at)
             JOIN call_records c ON c.id = v.record_id
           ON CONFLICT (call_record_id, sequence) DO NOTHING RETURNING 1`,
          [batch.visits.map((v) => v.recordId), batch.visits.map((v) => v.sequence), batch.visits.map((v) => v.nodeId), batch.visits.map((v) => v.nodeType), batch.visits.map((v) => iso(v.at))],
        )).length;
      }
      if (batch.ends.length > 0) {
        inserted.ends = (await tx.query(
          `UPDATE call_records c SET ended_at = e.ended_at, outcome = e.outcome
             FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS e(call_id, outcome, ended_at)
            WHERE c.call_id = e.call_id RETURNING 1`,
          [batch.ends.map((e) => e.callId), batch.ends.map((e) => e.outcome), batch.ends.map((e) => iso(e.at))],
        )).length;
      }
      return inserted;
    });
    written.inc({ table: 'call_records' }, counts.starts);
    written.inc({ table: 'node_visits' }, counts.visits);
    written.inc({ table: 'call_records_ended' }, counts.ends);
  }

  async function writeAll(): Promise<void> {
    if (!retrying && size(pending) === 0) return;
    const batch = retrying ?? pending;
    if (!retrying) pending = { starts: [], visits: [], ends: [] };
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
      active.set(call.callId, { recordId, nextSequence: 0 });
      if (active.size > maxActiveCalls) {
        const oldest = active.keys().next().value;
        if (oldest !== undefined) active.delete(oldest);
      }
      pending.starts.push({
        id: recordId,
        callId: text(call.callId),
        environment: call.environment,
        address: text(call.address),
        flowName: text(call.flowName),
        versionId: call.versionId && UUID.test(call.versionId) ? call.versionId : null,
        caller: text(call.caller),
        at: call.at,
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
      pending.visits.push({ recordId: call.recordId, sequence: call.nextSequence++, nodeId: text(visit.nodeId), nodeType: text(visit.nodeType), at: visit.at });
      added();
    },

    callEnded(end) {
      active.delete(end.callId);
      if (!admit()) return;
      pending.ends.push({ callId: text(end.callId), outcome: end.outcome, at: end.at });
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
