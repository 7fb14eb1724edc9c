import type { SqlDriver } from "./sql.js";

/** A callback row as the dialler sees it after claiming it. */
export interface ClaimedCallback {
  id: string;
  number: string;
  queue: string;
  originalWaitSeconds: number;
  attempts: number;
  windowEnd: Date | null;
}

export interface ClaimDueCallbacksOptions {
  /** Identifies the dialler process that will place the calls. */
  workerId: string;
  /** Only callbacks of this switch group are claimed: those whose callers the dialler's switch can reach. */
  switchGroup: string;
  /** The clock is injected so tests (and simulations) are deterministic. */
  now: Date;
  limit: number;
}

/**
 * Atomically claims up to `limit` pending callbacks of one switch group that are due and inside their window, marking them
 * `in_progress` and counting the attempt. `FOR UPDATE SKIP LOCKED` lets several diallers claim at once without
 * waiting on each other or calling anyone twice.
 */
export async function claimDueCallbacks(sql: SqlDriver, options: ClaimDueCallbacksOptions): Promise<ClaimedCallback[]> {
  return sql.query<ClaimedCallback>(
    `WITH due AS (
       SELECT id FROM callbacks
        WHERE switch_group = $4 AND status = 'pending' AND next_attempt_at <= $1
          AND (window_start IS NULL OR window_start <= $1)
          AND (window_end IS NULL OR window_end > $1)
        ORDER BY next_attempt_at, created_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED
     )
     UPDATE callbacks c
        SET status = 'in_progress', attempts = c.attempts + 1, claimed_by = $3, claimed_at = $1
       FROM due WHERE c.id = due.id
     RETURNING c.id, c.number, c.queue, c.original_wait_seconds AS "originalWaitSeconds", c.attempts,
               c.window_end AS "windowEnd"`,
    [options.now.toISOString(), options.limit, options.workerId, options.switchGroup],
  );
}
