import type { QueueAgentRow, QueueMemberRow } from './callcenter-tables.js';

/**
 * How the estimated wait is computed (and why it is coarse).
 *
 * mod_callcenter keeps no wait-time statistics of its own, so the estimate is built from what the runtime sees:
 *
 * 1. **Observed answer rate** (preferred). Each poll of `queue list members` is compared with the previous one; a
 *    member that was `Waiting`/`Trying` and is now `Answered` or gone from the table (the switch deletes answered
 *    members when their call ends, and keeps abandoned ones as `Abandoned`) counts as served. Over a sliding
 *    window (default 15 min) that gives callers served per second, `r`. It is used once at least
 *    `minServed` (3) callers were seen served over at least one minute of observation.
 * 2. **Agents' handle time** (fallback). From `queue list agents`: average handle time = Σ talk_time /
 *    Σ calls_answered (cumulative counters, every queue the agents serve; needs 3 answered calls), staffed
 *    agents = status `Available` or `Available (On Demand)`. Then `r = staffed / averageHandle`.
 * 3. Otherwise the wait is **unknown** and reported as 0 (the contract's "unknown").
 *
 * Known limits: the rate is only as good as the polling — a caller who abandons and whose row is discarded
 * (`discard-abandoned-after`) between two readings looks served; readings happen while callers wait or ask,
 * so a quiet queue's first estimates come from handle time. Neither input knows about agents about to log in.
 *
 * A caller at position `p` with `a` agents free right now waits for `max(0, p - a)` callers to be served:
 * `(p - a) / r` seconds, rounded **up to whole minutes** (announcements say "about N minutes"; the inputs do not
 * support more precision) and capped at `maxSeconds`. When an agent is free for the caller, the estimate is 0.
 */
export interface WaitEstimateInput {
  /** 1-based place among waiting callers (a new caller: waiting + 1). */
  position: number;
  agents: readonly QueueAgentRow[];
  /** Callers served per second in the recent window, or null when not enough was observed. */
  observedServiceRate: number | null;
  maxSeconds?: number;
}

const MIN_ANSWERED_FOR_HANDLE_TIME = 3;

/** Agents taking queue calls now or soon (not on break, not logged out). */
export function isStaffed(agent: QueueAgentRow): boolean {
  return agent.status === 'Available' || agent.status === 'Available (On Demand)';
}

/** Agents ready to be offered a caller this moment. */
export function isFree(agent: QueueAgentRow): boolean {
  return isStaffed(agent) && agent.state === 'Waiting';
}

/** Agents logged in, including those on a break (mod_callcenter's own "has agents" test counts them too). */
export function isLoggedIn(agent: QueueAgentRow): boolean {
  return agent.status === 'Available' || agent.status === 'Available (On Demand)' || agent.status === 'On Break';
}

/** Callers served per second implied by the agents' average handle time, or null when it is not known. */
export function handleTimeServiceRate(agents: readonly QueueAgentRow[]): number | null {
  const answered = agents.reduce((sum, a) => sum + a.callsAnswered, 0);
  const talked = agents.reduce((sum, a) => sum + a.talkTime, 0);
  const staffed = agents.filter(isStaffed).length;
  if (answered < MIN_ANSWERED_FOR_HANDLE_TIME || talked <= 0 || staffed === 0) return null;
  return staffed / (talked / answered);
}

/** Seconds the caller at `position` is likely to wait; 0 when an agent is free or when it cannot be known. */
export function estimateWaitSeconds(input: WaitEstimateInput): number {
  const { position, agents, maxSeconds = 4 * 3600 } = input;
  if (position <= 0) return 0;
  const ahead = position - agents.filter(isFree).length;
  if (ahead <= 0) return 0;
  const rate = input.observedServiceRate ?? handleTimeServiceRate(agents);
  if (rate === null || !(rate > 0)) return 0;
  return Math.min(maxSeconds, Math.ceil(ahead / rate / 60) * 60);
}

/**
 * Counts callers served in one queue by comparing successive member tables (see the method above) and answers
 * the recent service rate.
 */
export class ServiceRateTracker {
  private served: number[] = [];
  private firstObservedAt: number | undefined;
  private waitingBefore = new Set<string>();

  constructor(
    private readonly windowMs = 15 * 60_000,
    private readonly minServed = 3,
    private readonly minObservedMs = 60_000,
  ) {}

  /** Feeds one poll of the member table taken at `at` (epoch ms). */
  observe(members: readonly QueueMemberRow[], at: number): void {
    this.firstObservedAt ??= at;
    const stillWaiting = new Set<string>();
    const answered = new Set<string>();
    const present = new Set<string>();
    for (const member of members) {
      present.add(member.uuid);
      if (member.state === 'Waiting' || member.state === 'Trying') stillWaiting.add(member.uuid);
      if (member.state === 'Answered') answered.add(member.uuid);
    }
    for (const uuid of this.waitingBefore) {
      if (answered.has(uuid) || !present.has(uuid)) this.served.push(at);
    }
    this.waitingBefore = stillWaiting;
    this.served = this.served.filter((t) => t > at - this.windowMs);
  }

  /** Callers served per second over the window, or null until enough has been seen to say. */
  ratePerSecond(now: number): number | null {
    if (this.firstObservedAt === undefined) return null;
    const span = Math.min(this.windowMs, now - this.firstObservedAt);
    const served = this.served.filter((t) => t > now - this.windowMs).length;
    if (span < this.minObservedMs || served < this.minServed) return null;
    return served / (span / 1000);
  }
}
