import type { SqlConnection } from '@switchboard/db';
import type { LiveSnapshot, PendingCallbacks, StoredLiveSnapshot } from './live-snapshot.js';

/** Rows expired this long ago are deleted by the runtimes still running (a crashed runtime never removes its own). */
const FORGET_AFTER = '1 hour';

/** The database as the runtime (`Database.sql`) or the API (Prisma's raw queries, adapted) reaches it. */
export type LiveDatabase = { sql: Pick<SqlConnection, 'query'> };

/**
 * Upserts this runtime's row of `runtime_live_snapshots`. Both times are the database's clock (`now()`), the same
 * clock the API compares with, so runtimes on hosts with skewed clocks still expire correctly.
 */
export async function publishLiveSnapshot(db: LiveDatabase, snapshot: LiveSnapshot, ttlMs: number): Promise<void> {
  await db.sql.query(
    `INSERT INTO runtime_live_snapshots (instance, environment, snapshot, published_at, expires_at)
     VALUES ($1, $2, $3::jsonb, now(), now() + ($4 || ' milliseconds')::interval)
     ON CONFLICT (instance) DO UPDATE SET environment = EXCLUDED.environment, snapshot = EXCLUDED.snapshot,
       published_at = EXCLUDED.published_at, expires_at = EXCLUDED.expires_at`,
    [snapshot.instance, snapshot.environment, JSON.stringify(snapshot), String(Math.round(ttlMs))],
  );
}

/** A stopping runtime leaves the view at once instead of when its row expires. */
export async function withdrawLiveSnapshot(db: LiveDatabase, instance: string): Promise<void> {
  await db.sql.query(`DELETE FROM runtime_live_snapshots WHERE instance = $1`, [instance]);
}

/** Deletes rows of runtimes gone for an hour. */
export async function pruneLiveSnapshots(db: LiveDatabase): Promise<number> {
  const rows = await db.sql.query<{ instance: string }>(`DELETE FROM runtime_live_snapshots WHERE expires_at < now() - interval '${FORGET_AFTER}' RETURNING instance`);
  return rows.length;
}

/** Every runtime's row (expired ones too, flagged, so the view can say how many dropped out), ages on the database's clock. */
export async function readLiveSnapshots(db: LiveDatabase): Promise<StoredLiveSnapshot[]> {
  const rows = await db.sql.query<{ instance: string; age_ms: number | string; expired: boolean; snapshot: unknown }>(
    `SELECT instance, (extract(epoch FROM now() - published_at) * 1000)::float8 AS age_ms, expires_at <= now() AS expired, snapshot
       FROM runtime_live_snapshots ORDER BY instance`,
  );
  return rows.map((row) => ({ instance: row.instance, ageMs: Number(row.age_ms), expired: row.expired === true, snapshot: typeof row.snapshot === 'string' ? (JSON.parse(row.snapshot) as unknown) : row.snapshot }));
}

/** Callbacks waiting to be placed, per queue (every switch group: a queue's callbacks are its callers either way). */
export async function pendingCallbacksByQueue(db: LiveDatabase): Promise<PendingCallbacks[]> {
  const rows = await db.sql.query<{ queue: string; pending: number | string }>(`SELECT queue, count(*) AS pending FROM callbacks WHERE status = 'pending' AND purpose = 'queue' GROUP BY queue ORDER BY queue`);
  return rows.map((row) => ({ queue: row.queue, pending: Number(row.pending) }));
}
