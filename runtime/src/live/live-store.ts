import type { SqlConnection } from '@switchboard/db';
import type { LiveSnapshot } from './live-snapshot.js';

/** Rows expired this long ago are deleted by the runtimes still running (a crashed runtime never removes its own). */
const FORGET_AFTER = '1 hour';

type LiveDatabase = { sql: SqlConnection };

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
