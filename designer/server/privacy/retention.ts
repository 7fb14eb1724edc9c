import type { PrismaClient } from "@switchboard/db";

type Db = Pick<PrismaClient, "privacySettings" | "$executeRawUnsafe" | "$queryRawUnsafe">;

/** Days call records are kept when nobody chose otherwise (about 13 months: a year-on-year comparison fits). */
export const DEFAULT_RETENTION_DAYS = 400;

export interface RetentionSettings {
  retentionDays: number;
  updatedAt: string | null;
  lastPurgeAt: string | null;
  lastPurgeCalls: number;
}

/** The retention period in force (the default when the settings row is missing). */
export async function retentionSettings(db: Db): Promise<RetentionSettings> {
  const row = await db.privacySettings.findUnique({ where: { id: 1 } });
  return {
    retentionDays: row?.retentionDays ?? DEFAULT_RETENTION_DAYS,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    lastPurgeAt: row?.lastPurgeAt?.toISOString() ?? null,
    lastPurgeCalls: row?.lastPurgeCalls ?? 0,
  };
}

/** What one purge deleted. */
export interface PurgeResult {
  calls: number;
  callbacks: number;
  /** Calls started before this were deleted. */
  cutoff: string;
}

/**
 * Deletes call records (their node visits go with them, `ON DELETE CASCADE`) that started more than the retention
 * period before `now`, `batchSize` at a time so no transaction holds many rows, and finished callbacks (which hold
 * the caller's number) requested before the same cutoff. The hourly rollups are left as they are: they hold counts
 * and sums per flow, number and hour, no caller's number, and were added as each call ended — deleting a call
 * never changes them.
 */
export async function purgeExpiredCalls(db: Db, now: Date, options: { batchSize?: number; maxBatches?: number } = {}): Promise<PurgeResult> {
  const batchSize = options.batchSize ?? 5_000;
  const maxBatches = options.maxBatches ?? 1_000;
  const { retentionDays } = await retentionSettings(db);
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  let calls = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const deleted = await db.$executeRawUnsafe(
      `DELETE FROM call_records WHERE id IN (SELECT id FROM call_records WHERE started_at < $1::timestamptz ORDER BY started_at LIMIT $2)`,
      cutoff,
      batchSize,
    );
    calls += deleted;
    if (deleted < batchSize) break;
  }
  const callbacks = await db.$executeRawUnsafe(`DELETE FROM callbacks WHERE requested_at < $1::timestamptz AND status IN ('completed', 'failed', 'cancelled')`, cutoff);
  if (calls > 0) {
    await db.$executeRawUnsafe(
      `INSERT INTO privacy_settings (id, last_purge_at, last_purge_calls) VALUES (1, $1::timestamptz, $2)
       ON CONFLICT (id) DO UPDATE SET last_purge_at = EXCLUDED.last_purge_at, last_purge_calls = EXCLUDED.last_purge_calls`,
      now.toISOString(),
      calls,
    );
  }
  return { calls, callbacks, cutoff };
}
