import { isIPv6 } from "node:net";
import type { LoginThrottle, Prisma, PrismaClient } from "@switchboard/db";
import type { LoginThrottleLimits } from "./limits.js";

/**
 * Sign-in throttling that cannot lock the owner out. Failures are counted per account AND client address (so a
 * flood from one address slows that address only; the owner signs in from anywhere else as usual), and per address
 * alone (one address spraying many accounts). After the free failures each further failure doubles the wait, up to
 * a maximum; failures older than `forgetAfterMs` are forgotten; a successful sign-in clears its account+address row;
 * an admin can see and clear rows (users.signInThrottles / users.clearSignInThrottle).
 *
 * The state lives in the database (table login_throttles) so several API processes share it; each change is one
 * short row-locked transaction. Each burst of failures writes ONE audit row whose counts are kept current, so a
 * flood cannot grow the audit log by a row per attempt.
 */

/** The address-wide row's email: the failures of every account from that address. */
export const ANY_ACCOUNT = "";

/** How long the next attempt must wait after `failures` failures (0: no wait). */
export function delayAfterFailures(failures: number, freeFailures: number, limits: Pick<LoginThrottleLimits, "firstDelayMs" | "maxDelayMs">): number {
  if (failures < freeFailures) return 0;
  const doublings = Math.min(failures - freeFailures, 40);
  return Math.min(limits.firstDelayMs * 2 ** doublings, limits.maxDelayMs);
}

/** A throttle row's counters after one more failure at `now` (a forgotten burst starts again). */
export function afterFailure(
  previous: Pick<LoginThrottle, "failures" | "refused" | "firstFailureAt" | "lastFailureAt" | "blockedUntil" | "auditEventId"> | null,
  now: Date,
  freeFailures: number,
  limits: LoginThrottleLimits,
): { failures: number; refused: number; firstFailureAt: Date; lastFailureAt: Date; blockedUntil: Date | null; auditEventId: string | null; newBurst: boolean } {
  const continues = previous !== null && now.getTime() - previous.lastFailureAt.getTime() < limits.forgetAfterMs;
  const failures = continues ? previous.failures + 1 : 1;
  const delay = delayAfterFailures(failures, freeFailures, limits);
  return {
    failures,
    refused: continues ? previous.refused : 0,
    firstFailureAt: continues ? previous.firstFailureAt : now,
    lastFailureAt: now,
    blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null,
    auditEventId: continues ? previous.auditEventId : null,
    newBurst: !continues,
  };
}

/**
 * The address a throttle counts: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 network — one host holds a
 * whole /64, so counting single IPv6 addresses would let it try without limit.
 */
export function throttleAddress(remoteAddress: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remoteAddress);
  if (mapped) return mapped[1]!;
  if (!isIPv6(remoteAddress)) return remoteAddress;
  const [head = "", tail = ""] = remoteAddress.toLowerCase().split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === "" ? [] : tail.split(":");
  const groups = remoteAddress.includes("::") ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

type Db = PrismaClient;

/** Which rows a sign-in attempt is counted on. */
function rowsFor(email: string, address: string) {
  return [
    { email, address, freeFailures: (l: LoginThrottleLimits) => l.freeFailures },
    { email: ANY_ACCOUNT, address, freeFailures: (l: LoginThrottleLimits) => l.addressFreeFailures },
  ];
}

function burstDetails(row: { email: string; address: string; failures: number; refused: number; firstFailureAt: Date; lastFailureAt: Date; blockedUntil: Date | null }, reason: string) {
  return {
    email: row.email,
    address: row.address,
    reason,
    failures: row.failures,
    refused: row.refused,
    firstFailureAt: row.firstFailureAt.toISOString(),
    lastFailureAt: row.lastFailureAt.toISOString(),
    blockedUntil: row.blockedUntil?.toISOString() ?? null,
  };
}

/** Milliseconds until `email` may try again from `address` (0: now). A refused attempt is counted on its burst. */
export async function loginWaitMs(db: Db, email: string, address: string, now: Date): Promise<number> {
  const rows = await db.loginThrottle.findMany({ where: { address, email: { in: [email, ANY_ACCOUNT] }, blockedUntil: { gt: now } } });
  if (rows.length === 0) return 0;
  for (const row of rows) {
    const updated = await db.loginThrottle.update({ where: { email_address: { email: row.email, address: row.address } }, data: { refused: { increment: 1 } } });
    if (updated.auditEventId) {
      await db.auditEvent.updateMany({ where: { id: updated.auditEventId }, data: { details: burstDetails(updated, "throttled") } });
    }
  }
  return Math.max(...rows.map((row) => row.blockedUntil!.getTime() - now.getTime()));
}

/**
 * Counts a failed sign-in on the account+address row and the address row. The account+address burst has one audit
 * row: written on its first failure, its counts updated on later ones.
 */
export async function recordLoginFailure(
  db: Db,
  attempt: { email: string; address: string; userId: string | null; reason: string },
  now: Date,
  limits: LoginThrottleLimits,
): Promise<void> {
  await pruneThrottles(db, now, limits);
  for (const target of rowsFor(attempt.email, attempt.address)) {
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO login_throttles (email, address, failures, first_failure_at, last_failure_at)
        VALUES (${target.email}, ${target.address}, 0, ${now}, ${now}) ON CONFLICT (email, address) DO NOTHING`;
      const [previous] = await tx.$queryRaw<LoginThrottle[]>`SELECT failures, refused, first_failure_at AS "firstFailureAt",
        last_failure_at AS "lastFailureAt", blocked_until AS "blockedUntil", audit_event_id AS "auditEventId"
        FROM login_throttles WHERE email = ${target.email} AND address = ${target.address} FOR UPDATE`;
      const fresh = previous!.failures === 0;
      const { newBurst, ...next } = afterFailure(fresh ? null : previous!, now, target.freeFailures(limits), limits);
      const row = { email: target.email, address: target.address, ...next };
      if (target.email !== ANY_ACCOUNT) {
        const details = burstDetails(row, attempt.reason);
        if (newBurst || !next.auditEventId) {
          const audit = await tx.auditEvent.create({
            data: { action: "auth.login_failed", actorId: attempt.userId, subjectType: "user", subjectId: attempt.userId, details },
            select: { id: true },
          });
          row.auditEventId = audit.id;
        } else {
          await tx.auditEvent.updateMany({ where: { id: next.auditEventId }, data: { details } });
        }
      }
      await tx.loginThrottle.update({ where: { email_address: { email: target.email, address: target.address } }, data: row });
    });
  }
}

/** A successful sign-in clears its account+address row (not the address row: an attacker's own account must not reset it). */
export async function recordLoginSuccess(db: Db, email: string, address: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { email, address } });
}

/** The rows an admin sees: every burst not yet forgotten, blocked ones first. */
export async function currentThrottles(db: Db, now: Date, limits: LoginThrottleLimits) {
  const rows = await db.loginThrottle.findMany({
    where: { lastFailureAt: { gt: new Date(now.getTime() - limits.forgetAfterMs) }, failures: { gt: 0 } },
    orderBy: [{ lastFailureAt: "desc" }],
    take: 500,
  });
  return rows
    .map((row) => ({
      email: row.email,
      address: row.address,
      failures: row.failures,
      refused: row.refused,
      firstFailureAt: row.firstFailureAt,
      lastFailureAt: row.lastFailureAt,
      blockedUntil: row.blockedUntil && row.blockedUntil > now ? row.blockedUntil : null,
    }))
    .sort((a, b) => Number(b.blockedUntil !== null) - Number(a.blockedUntil !== null));
}

/** Forgets one row (an admin lets the owner in again); returns it, or null when there was none. */
export async function clearThrottle(db: Db | Prisma.TransactionClient, email: string, address: string): Promise<LoginThrottle | null> {
  const row = await db.loginThrottle.findUnique({ where: { email_address: { email, address } } });
  if (!row) return null;
  await db.loginThrottle.delete({ where: { email_address: { email, address } } });
  return row;
}

/** Deletes rows forgotten long ago, so the table holds only recent bursts. */
export async function pruneThrottles(db: Db, now: Date, limits: LoginThrottleLimits): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - limits.forgetAfterMs) } } });
}
