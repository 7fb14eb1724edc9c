import type { SqlDriver } from "./sql.js";

/** A callback row as the dialler sees it after claiming it. */
export interface ClaimedCallback {
  id: string;
  number: string;
  queue: string;
  originalWaitSeconds: number;
  /** When the caller asked: their virtual wait counts on from here. */
  requestedAt: Date;
  attempts: number;
  windowEnd: Date | null;
  /** `queue`: join `queue` keeping the caller's place; `survey`: ask the survey `survey` describes. */
  purpose: "queue" | "survey";
  /** A survey call-back's questions (flows' `SurveyCallbackSpec`) and delay; null for queue callbacks. */
  survey: unknown;
}

/** A pending callback whose time has come, before anyone claimed it (what the dialler decides turns on). */
export type DueCallback = Omit<ClaimedCallback, "attempts" | "windowEnd">;

export interface DueCallbacksOptions {
  /** Only callbacks of this switch group: those whose callers the dialler's switch can reach. */
  switchGroup: string;
  /** The clock is injected so tests (and simulations) are deterministic. */
  now: Date;
  limit: number;
  /**
   * A callback whose asking call was never seen to end (its runtime stopped first) counts as left this long after
   * it was asked for. Default 15 minutes.
   */
  orphanAfterMs?: number;
}

export interface ClaimDueCallbacksOptions extends DueCallbacksOptions {
  /** Identifies the dialler process that will place the calls. */
  workerId: string;
  /** Claim only these (the ones whose turn came); still only if they are due, unclaimed and of the group. */
  ids?: readonly string[];
}

const ORPHAN_AFTER_MS = 15 * 60_000;

/**
 * Due = pending, of the group, time reached, inside the window, and the caller has left the call that asked
 * (`caller_left_at`, which also pushed `next_attempt_at` past a short guard) or that call is long over.
 */
function due(now: string, group: string, orphanMs: string): string {
  return `switch_group = ${group} AND status = 'pending' AND next_attempt_at <= ${now}
          AND (window_start IS NULL OR window_start <= ${now})
          AND (window_end IS NULL OR window_end > ${now})
          AND (caller_left_at IS NOT NULL OR requested_at <= ${now}::timestamptz - (${orphanMs} || ' milliseconds')::interval)`;
}

/** Due callbacks of one group, oldest request first, without claiming them. */
export async function dueCallbacks(sql: SqlDriver, options: DueCallbacksOptions): Promise<DueCallback[]> {
  return sql.query<DueCallback>(
    `SELECT id, number, queue, original_wait_seconds AS "originalWaitSeconds", requested_at AS "requestedAt", purpose::text AS purpose, survey
       FROM callbacks WHERE ${due("$1", "$3", "$4")}
      ORDER BY requested_at, created_at LIMIT $2`,
    [options.now.toISOString(), options.limit, options.switchGroup, String(options.orphanAfterMs ?? ORPHAN_AFTER_MS)],
  );
}

/**
 * Atomically claims up to `limit` due callbacks of one switch group (see {@link dueCallbacks}), marking them
 * `in_progress` and counting the attempt. `FOR UPDATE SKIP LOCKED` lets several diallers claim at once without
 * waiting on each other or calling anyone twice.
 */
export async function claimDueCallbacks(sql: SqlDriver, options: ClaimDueCallbacksOptions): Promise<ClaimedCallback[]> {
  return sql.query<ClaimedCallback>(
    `WITH due AS (
       SELECT id FROM callbacks
        WHERE ${due("$1", "$4", "$5")} AND ($6::uuid[] IS NULL OR id = ANY($6::uuid[]))
        ORDER BY next_attempt_at, created_at
        LIMIT $2
        FOR UPDATE SKIP LOCKED
     )
     UPDATE callbacks c
        SET status = 'in_progress', attempts = c.attempts + 1, claimed_by = $3, claimed_at = $1
       FROM due WHERE c.id = due.id
     RETURNING c.id, c.number, c.queue, c.original_wait_seconds AS "originalWaitSeconds", c.requested_at AS "requestedAt",
               c.attempts, c.window_end AS "windowEnd", c.purpose::text AS purpose, c.survey`,
    [
      options.now.toISOString(),
      options.limit,
      options.workerId,
      options.switchGroup,
      String(options.orphanAfterMs ?? ORPHAN_AFTER_MS),
      options.ids ? [...options.ids] : null,
    ],
  );
}
