import { claimDueCallbacks, dueCallbacks, Prisma, type ClaimedCallback, type Database, type DueCallback } from '@switchboard/db';
import { nextOpening, type CallbackWindowRule, type WindowOpening } from './callback-window.js';

/** The database handle the callback services need. */
export type CallbackDatabase = Pick<Database, 'prisma' | 'sql'>;

/** A claimed callback and the claim that lets only its claimer record the outcome. */
export interface CallbackClaim extends ClaimedCallback {
  claimedBy: string;
  claimedAt: Date;
}

/** What to store for a new callback. */
export interface NewCallback {
  number: string;
  queue: string;
  /** The switch group of the runtime that took the call. */
  switchGroup: string;
  originalWaitSeconds: number;
  callId: string;
  /** When the caller asked (their virtual wait counts on from here). */
  requestedAt: Date;
  nextAttemptAt: Date;
  rule: CallbackWindowRule | null;
  opening: WindowOpening | null;
  /** A survey call-back: what to ask (`SurveyCallbackSpec`) and the delay after the call (`delayMs`). */
  survey?: { delayMs: number } & Record<string, unknown>;
}

/** True when `error` is the partial unique index refusing a second open callback for a number and queue. */
export function isOpenCallbackConflict(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * The `callbacks` table as the callback service and dialer use it. Every outcome is written only by the worker
 * that holds the claim (same `claimed_by` and `claimed_at`), so a dialer whose lease expired cannot overwrite
 * what the one that took over recorded.
 */
export class CallbackStore {
  constructor(private readonly db: CallbackDatabase) {}

  /** Inserts a pending callback; throws the unique violation when the number already has one for this queue. */
  async insert(callback: NewCallback): Promise<string> {
    const row = await this.db.prisma.callback.create({
      data: {
        number: callback.number,
        queue: callback.queue,
        switchGroup: callback.switchGroup,
        originalWaitSeconds: callback.originalWaitSeconds,
        callId: callback.callId,
        requestedAt: callback.requestedAt,
        nextAttemptAt: callback.nextAttemptAt,
        windowStart: callback.opening ? new Date(callback.opening.start) : null,
        windowEnd: callback.opening ? new Date(callback.opening.end) : null,
        windowRule: callback.rule ?? Prisma.DbNull,
        ...(callback.survey ? { purpose: 'survey' as const, survey: callback.survey as Prisma.InputJsonObject } : {}),
      },
      select: { id: true },
    });
    return row.id;
  }

  /** The open (pending or being placed) callback of a number and queue, if any. */
  async openCallback(number: string, queue: string): Promise<{ id: string; callId: string | null; status: string } | null> {
    return this.db.prisma.callback.findFirst({ where: { number, queue, status: { in: ['pending', 'in_progress'] } }, select: { id: true, callId: true, status: true } });
  }

  /**
   * The caller asked again from another call while their callback waits: it keeps its place (the earlier
   * request) but now waits for this call to end too. Returns false when it is being placed right now.
   */
  async askedAgain(id: string, callId: string): Promise<boolean> {
    const { count } = await this.db.prisma.callback.updateMany({ where: { id, status: 'pending' }, data: { callId, callerLeftAt: null } });
    return count === 1;
  }

  /**
   * The call that asked for a callback ended at `at`: the callback may be placed from `at + guardMs` on (the
   * caller has put the phone down and can take a call); a survey call-back from `at` plus its delay (at least the
   * guard). Returns how many callbacks it released.
   */
  async callerLeft(callId: string, at: Date, guardMs: number): Promise<number> {
    const rows = await this.db.sql.query(
      `UPDATE callbacks
          SET caller_left_at = $2,
              next_attempt_at = greatest(next_attempt_at, $2::timestamptz + ((CASE WHEN purpose = 'survey' THEN greatest($3::bigint, COALESCE((survey->>'delayMs')::bigint, 0)) ELSE $3::bigint END) || ' milliseconds')::interval)
        WHERE call_id = $1 AND status = 'pending' AND caller_left_at IS NULL
        RETURNING id`,
      [callId, at.toISOString(), String(guardMs)],
    );
    return rows.length;
  }

  /** Due callbacks of the group whose caller has left, oldest request first, not claimed (the dialer picks whose turn it is). */
  async due(switchGroup: string, now: Date, limit: number): Promise<DueCallback[]> {
    return dueCallbacks(this.db.sql, { switchGroup, now, limit });
  }

  /** Callbacks of the group being placed right now, by queue (they are about to join it). */
  async diallingByQueue(switchGroup: string): Promise<Map<string, number>> {
    const rows = await this.db.prisma.callback.groupBy({ by: ['queue'], where: { switchGroup, status: 'in_progress' }, _count: { _all: true } });
    return new Map(rows.map((row) => [row.queue, row._count._all]));
  }

  /**
   * Callbacks left `in_progress` longer than `leaseMs` (their dialer stopped mid-call) go back to pending, or to
   * failed when they have used every attempt. Returns how many were released.
   */
  async releaseExpiredLeases(switchGroup: string, now: Date, leaseMs: number, maxAttempts: number): Promise<number> {
    const rows = await this.db.sql.query(
      `UPDATE callbacks
          SET status = CASE WHEN attempts >= $3 THEN 'failed'::"CallbackStatus" ELSE 'pending'::"CallbackStatus" END,
              claimed_by = NULL, claimed_at = NULL,
              last_error = 'dialer stopped while placing the call (lease expired)'
        WHERE switch_group = $4 AND status = 'in_progress' AND claimed_at < $1::timestamptz - ($2 || ' milliseconds')::interval
        RETURNING id`,
      [now.toISOString(), String(leaseMs), maxAttempts, switchGroup],
    );
    return rows.length;
  }

  /**
   * Pending callbacks whose window closed before anyone placed them (no dialer was running) move to the next
   * opening of their rule; without a rule that opens again they fail. Returns how many were moved or failed.
   */
  async rollMissedWindows(switchGroup: string, now: Date, limit = 500): Promise<number> {
    const missed = await this.db.prisma.callback.findMany({
      where: { switchGroup, status: 'pending', windowEnd: { lte: now } },
      select: { id: true, windowEnd: true, windowRule: true },
      take: limit,
    });
    for (const callback of missed) {
      const rule = callback.windowRule as CallbackWindowRule | null;
      const opening = rule ? nextOpening(rule, now.getTime()) : null;
      const guard = { id: callback.id, status: 'pending' as const, windowEnd: callback.windowEnd };
      if (opening) {
        await this.db.prisma.callback.updateMany({
          where: guard,
          data: { windowStart: new Date(opening.start), windowEnd: new Date(opening.end), nextAttemptAt: new Date(Math.max(opening.start, now.getTime())) },
        });
      } else {
        await this.db.prisma.callback.updateMany({ where: guard, data: { status: 'failed', lastError: 'the callback window closed and does not open again' } });
      }
    }
    return missed.length;
  }

  /**
   * Claims due callbacks of `switchGroup` for `workerId` (`FOR UPDATE SKIP LOCKED`: several dialers never take the
   * same one, and a dialer never takes another group's).
   */
  async claim(workerId: string, switchGroup: string, now: Date, limit: number, ids?: readonly string[]): Promise<CallbackClaim[]> {
    const claimed = await claimDueCallbacks(this.db.sql, { workerId, switchGroup, now, limit, ...(ids ? { ids } : {}) });
    return claimed.map((c) => ({ ...c, claimedBy: workerId, claimedAt: now }));
  }

  /** A survey call-back's call and questions, or null when `id` is not one. */
  async surveyCallback(id: string): Promise<{ callId: string | null; survey: unknown } | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    return this.db.prisma.callback.findFirst({ where: { id, purpose: 'survey' }, select: { callId: true, survey: true } });
  }

  async windowRule(id: string): Promise<CallbackWindowRule | null> {
    const row = await this.db.prisma.callback.findUnique({ where: { id }, select: { windowRule: true } });
    return (row?.windowRule as CallbackWindowRule | null | undefined) ?? null;
  }

  /** The switch placed the call (the callee answered and was handed to the queue). */
  async completed(claim: CallbackClaim, placedCallUuid: string): Promise<boolean> {
    return this.finish(claim, { status: 'completed', placedCallUuid, lastError: null });
  }

  /** The attempt failed; try again at `nextAttemptAt` (inside `opening`, when the callback has a window). */
  async retryLater(claim: CallbackClaim, nextAttemptAt: Date, opening: WindowOpening | null, error: string): Promise<boolean> {
    return this.finish(claim, {
      status: 'pending',
      nextAttemptAt,
      lastError: error,
      ...(opening ? { windowStart: new Date(opening.start), windowEnd: new Date(opening.end) } : {}),
    });
  }

  /** The switch was not reached: back to pending at `nextAttemptAt`, the attempt not counted. */
  async giveBack(claim: CallbackClaim, nextAttemptAt: Date, error: string): Promise<boolean> {
    return this.finish(claim, { status: 'pending', nextAttemptAt, attempts: { decrement: 1 }, lastError: `switch not reached: ${error}` });
  }

  /** No more attempts: the callback failed for good. */
  async failed(claim: CallbackClaim, error: string): Promise<boolean> {
    return this.finish(claim, { status: 'failed', lastError: error });
  }

  private async finish(claim: CallbackClaim, data: Prisma.CallbackUpdateManyMutationInput): Promise<boolean> {
    const { count } = await this.db.prisma.callback.updateMany({
      where: { id: claim.id, status: 'in_progress', claimedBy: claim.claimedBy, claimedAt: claim.claimedAt },
      data: { ...data, claimedBy: null, claimedAt: null },
    });
    return count === 1;
  }
}
