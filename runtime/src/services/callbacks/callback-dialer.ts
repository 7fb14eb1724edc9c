import { CALLBACK_RETRY_POLICY, callbackRetryDelayMs } from '@switchboard/flows';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { counterOn, quietLogger, type EslApi } from '../metrics.js';
import { CallbackStore, type CallbackClaim, type CallbackDatabase } from './callback-store.js';
import { nextOpening } from './callback-window.js';
import { forgetDialer, recordDialerAlive } from './switch-groups.js';
import { callbackTurns, virtualWaitSeconds, type QueueView } from './callback-turn.js';
import { isPermanentCause, originateArguments, originateOutcome, type CallbackPlacement, type CallbackTarget, type OriginateOutcome, type OriginateSettings } from './originate.js';

/** Dials `loopback/<number>/default` (the emulator's dialplan) with no caller id and no announcement. */
export const DEFAULT_PLACEMENT: CallbackPlacement = { dialString: 'loopback/{number}/default', callerIdNumber: null, callerIdName: null, announcement: null };

/** Settings for {@link startCallbackDialer}. */
export interface CallbackDialerOptions {
  /** Names this dialer in `claimed_by`. Default `<hostname>:<pid>:<random>`. */
  workerId?: string;
  /**
   * The switch group of the switch this dialer is connected to (`SWITCH_GROUP`): only callbacks booked in this
   * group are claimed. Default `default`.
   */
  switchGroup?: string;
  /** Epoch ms; injected for tests. Default `Date.now`. */
  now?: () => number;
  /** Pause between looks for due callbacks. Default 2,000 ms. */
  pollMs?: number;
  /** Callbacks claimed (and dialled at once) per look. Default 5. */
  batchSize?: number;
  /** Attempts before a callback fails for good. Default 3. */
  maxAttempts?: number;
  /** Wait before attempt n+1: `retryBaseMs × 2^(n-1)`, capped at `retryMaxMs`. Defaults 2 min and 30 min. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** A claim older than this with no outcome is taken back (its dialer died). Default 5 min; must exceed ringing. */
  leaseMs?: number;
  /** How callbacks are dialled: dial string, caller id, announcement. Default {@link DEFAULT_PLACEMENT} (the emulator). */
  placement?: CallbackPlacement;
  /** Per-queue overrides of `placement` (a queue served through another carrier or under another name). */
  placementByQueue?: Readonly<Record<string, Partial<CallbackPlacement>>>;
  target?: CallbackTarget;
  /**
   * `host:port` of this runtime's outbound socket as the switch reaches it: survey call-backs are originated into
   * `&socket(<it> async full)`, so the answered callee is handed to a runtime that asks the survey. Read at each
   * placement (the port is known once the server listens); without it a survey call-back fails, saying so.
   */
  surveySocket?: () => string | null;
  /**
   * Reads a queue's members and agents, so a callback is placed when its turn comes (`callback-turn.ts`). Without
   * it (or when the queue cannot be read) callbacks are placed as soon as they are due.
   */
  queueView?: (queue: string) => Promise<QueueView>;
  /** When the switch cannot be reached, try the callback again after this long (the attempt is not counted). Default 30 s. */
  unreachableRetryMs?: number;
  /** Ring time before NO_ANSWER. Default 45 s. */
  ringSeconds?: number;
  /** Start the polling loop. Default true; tests drive {@link CallbackDialer.runOnce} themselves. */
  autoStart?: boolean;
  registry?: Registry;
  logger?: Logger;
}

/** The inbound connection as the dialer uses it: `bgapi`, and (from `InboundClient`) its health, to skip rounds while disconnected. */
export interface DialerEsl extends Pick<EslApi, 'bgapi'> {
  readonly health?: { readonly state: string };
}

/** A running dialer. */
export interface CallbackDialer {
  readonly workerId: string;
  readonly switchGroup: string;
  /** True while the dialer runs and its switch connection is up (it places its group's callbacks). */
  readonly dialing: boolean;
  /** One round: release expired leases, move missed windows, claim due callbacks and place them. Returns how many were placed or retried. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the round in progress. Claimed calls still ringing finish first. */
  stop(): Promise<void>;
}

/**
 * Places due keep-your-place callbacks through the inbound ESL connection, safely from several runtimes at once.
 *
 * It only ever claims callbacks of its own switch group (`switchGroup`): those booked by runtimes of the same
 * switch or cluster, whose callers its switch can reach. Each round it is connected it records itself in
 * `switch_group_dialers` (see `switch-groups.ts`), so a group nobody dials for is visible.
 *
 * Each round it (1) returns to `pending` the callbacks another dialer claimed but never finished within
 * `leaseMs` (so nothing is lost when a runtime stops mid-call), (2) moves callbacks whose window passed unseen
 * to the next opening, (3) claims due callbacks with `FOR UPDATE SKIP LOCKED` (two dialers never take the same
 * one) and (4) originates each with `bgapi originate {…,cc_base_score=<original wait>}<dial string>
 * &callcenter(<queue>)`. `+OK <uuid>` completes the callback; `-ERR <cause>` retries with exponential backoff
 * (inside the window) until `maxAttempts`, then marks it `failed` with the cause in `last_error`. While the
 * inbound connection is down no callback is claimed; if it drops during an originate, the callback goes back
 * to pending without using up an attempt.
 */
export function startCallbackDialer(db: CallbackDatabase, esl: DialerEsl, options: CallbackDialerOptions = {}): CallbackDialer {
  const store = new CallbackStore(db);
  const now = options.now ?? Date.now;
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const switchGroup = options.switchGroup ?? 'default';
  const startedAt = new Date(now());
  const logger = (options.logger ?? quietLogger()).child({ component: 'callback-dialer', workerId, switchGroup });
  // The policy the simulator shows a tester too (flows' callback-retry-policy.ts).
  const maxAttempts = options.maxAttempts ?? CALLBACK_RETRY_POLICY.maxAttempts;
  const retryBaseMs = options.retryBaseMs ?? CALLBACK_RETRY_POLICY.retryBaseMs;
  const retryMaxMs = options.retryMaxMs ?? CALLBACK_RETRY_POLICY.retryMaxMs;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const ringSeconds = options.ringSeconds ?? CALLBACK_RETRY_POLICY.ringSeconds;
  const settingsFor = (claim: CallbackClaim): OriginateSettings => {
    const placement = { ...(options.placement ?? DEFAULT_PLACEMENT), ...options.placementByQueue?.[claim.queue] };
    if (claim.purpose === 'survey') {
      const address = options.surveySocket?.() ?? null;
      if (address === null) throw new Error('no outbound socket address for survey call-backs');
      // The survey's questions are what the callee hears: no queue announcement.
      return { ...placement, announcement: null, target: { kind: 'socket', address }, ringSeconds };
    }
    return { ...placement, target: options.target ?? { kind: 'queue' }, ringSeconds };
  };
  const replyTimeoutMs = (ringSeconds + 30) * 1000;
  const unreachableRetryMs = options.unreachableRetryMs ?? 30_000;
  const outcomes = counterOn(options.registry, 'switchboard_callback_attempts_total', 'Callback originate attempts by outcome: placed, retry (will try again), failed (for good), unreachable (switch not reached; not counted)', ['outcome']);

  type Attempt = OriginateOutcome | { placed: 'unknown'; error: string };

  async function originate(claim: CallbackClaim, at: number): Promise<Attempt> {
    let timer: NodeJS.Timeout | undefined;
    // Joins with the wait the caller would have by now, so the callee stands where the caller would have.
    const baseScoreSeconds = virtualWaitSeconds({ originalWaitSeconds: claim.originalWaitSeconds, requestedAt: claim.requestedAt.getTime() }, at);
    let command: string;
    try {
      command = `originate ${originateArguments({ ...claim, baseScoreSeconds: claim.purpose === 'survey' ? 0 : baseScoreSeconds }, settingsFor(claim))}`;
    } catch (error) {
      // Settings the switch must not be sent (checked at configuration; this is the last guard): fails for good.
      return { placed: false, cause: `NOT_PLACED ${error instanceof Error ? error.message : String(error)}` };
    }
    try {
      const reply = await Promise.race([
        esl.bgapi(command),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no reply to originate within ${replyTimeoutMs} ms`)), replyTimeoutMs);
        }),
      ]);
      return originateOutcome(reply);
    } catch (error) {
      // Not connected, connection lost, or no BACKGROUND_JOB in time: the switch never said no.
      return { placed: 'unknown', error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  async function place(claim: CallbackClaim): Promise<void> {
    const outcome = await originate(claim, claim.claimedAt.getTime());
    const at = now();
    if (outcome.placed === 'unknown') {
      // The switch was unreachable: an outage must not use up the caller's attempts. (Rarely the call was placed
      // and only the reply got lost; then the caller is called twice, which beats not being called at all.)
      await store.giveBack(claim, new Date(at + unreachableRetryMs), outcome.error);
      outcomes.inc({ outcome: 'unreachable' });
      logger.warn({ callbackId: claim.id, err: outcome.error }, 'switch unreachable; callback returned to the queue');
      return;
    }
    if (outcome.placed) {
      await store.completed(claim, outcome.uuid);
      outcomes.inc({ outcome: 'placed' });
      logger.info({ callbackId: claim.id, uuid: outcome.uuid, attempt: claim.attempts }, 'callback placed');
      return;
    }
    const error = `attempt ${claim.attempts}: ${outcome.cause}`;
    if (claim.attempts >= maxAttempts || isPermanentCause(outcome.cause) || outcome.cause.startsWith('NOT_PLACED')) {
      await store.failed(claim, error);
      outcomes.inc({ outcome: 'failed' });
      logger.warn({ callbackId: claim.id, cause: outcome.cause, attempts: claim.attempts }, 'callback failed');
      return;
    }
    const retryAt = at + callbackRetryDelayMs(claim.attempts, { retryBaseMs, retryMaxMs });
    const rule = await store.windowRule(claim.id);
    const opening = rule ? nextOpening(rule, retryAt) : null;
    if (rule && !opening) {
      await store.failed(claim, `${error}; the window does not open again`);
      outcomes.inc({ outcome: 'failed' });
      return;
    }
    await store.retryLater(claim, new Date(Math.max(retryAt, opening?.start ?? 0)), opening, error);
    outcomes.inc({ outcome: 'retry' });
    logger.info({ callbackId: claim.id, cause: outcome.cause, attempts: claim.attempts, retryAt: new Date(retryAt).toISOString() }, 'callback will be retried');
  }

  const connected = () => !esl.health || esl.health.state === 'ready';

  async function runOnce(): Promise<number> {
    if (!connected()) return 0;
    const at = new Date(now());
    await recordDialerAlive(db, { workerId, switchGroup, startedAt }, at);
    const released = await store.releaseExpiredLeases(switchGroup, at, leaseMs, maxAttempts);
    if (released > 0) logger.warn({ released }, 'took back callbacks whose dialer stopped mid-call');
    await store.rollMissedWindows(switchGroup, at);
    const batchSize = options.batchSize ?? 5;
    const claims = options.queueView ? await claimWhoseTurnCame(at, batchSize, options.queueView) : await store.claim(workerId, switchGroup, at, batchSize);
    await Promise.all(
      claims.map((claim) =>
        place(claim).catch((error: unknown) => {
          // The outcome could not be written; the lease brings the callback back for another attempt.
          logger.error({ err: error, callbackId: claim.id }, 'callback outcome not recorded');
        }),
      ),
    );
    return claims.length;
  }

  /** Queues whose reading failed (warned once until a reading succeeds again). */
  const unreadableQueues = new Set<string>();

  /** Looks at the due callbacks queue by queue and claims those whose turn came (never more than `limit`). */
  async function claimWhoseTurnCame(at: Date, limit: number, queueView: (queue: string) => Promise<QueueView>): Promise<CallbackClaim[]> {
    const due = await store.due(switchGroup, at, 500);
    if (due.length === 0) return [];
    const dialling = await store.diallingByQueue(switchGroup);
    const byQueue = new Map<string, typeof due>();
    const chosen: string[] = [];
    for (const callback of due) {
      // A survey call-back joins no queue: its time is its turn.
      if (callback.purpose === 'survey') chosen.push(callback.id);
      else byQueue.set(callback.queue, [...(byQueue.get(callback.queue) ?? []), callback]);
    }
    for (const [queue, callbacks] of byQueue) {
      const waiting = callbacks.map((c) => ({ id: c.id, originalWaitSeconds: c.originalWaitSeconds, requestedAt: c.requestedAt.getTime() }));
      let view: QueueView;
      try {
        view = await queueView(queue);
      } catch (error) {
        // Without the queue's state the turn cannot be judged; placing late would lose more than placing early.
        if (!unreadableQueues.has(queue)) logger.warn({ queue, err: String(error) }, 'queue not readable; placing its due callbacks without waiting for their turn');
        unreadableQueues.add(queue);
        chosen.push(...waiting.map((c) => c.id));
        continue;
      }
      unreadableQueues.delete(queue);
      const decisions = callbackTurns(view, waiting, dialling.get(queue) ?? 0, at.getTime());
      chosen.push(...decisions.filter((d) => d.turn).map((d) => d.id));
      const waitingOn = decisions.filter((d) => !d.turn);
      if (waitingOn.length > 0) logger.debug({ queue, waiting: waitingOn }, 'callbacks waiting for their turn');
    }
    return chosen.length === 0 ? [] : store.claim(workerId, switchGroup, at, limit, chosen.slice(0, limit));
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<unknown> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    round = runOnce()
      .catch((error: unknown) => logger.error({ err: error }, 'callback dialer round failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.pollMs ?? 2000);
      });
  };
  if (options.autoStart ?? true) loop();

  return {
    workerId,
    switchGroup,
    get dialing() {
      return !stopped && connected();
    },
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
      await forgetDialer(db, workerId, new Date(now())).catch((error: unknown) => logger.warn({ err: String(error) }, 'dialer not removed from switch_group_dialers'));
    },
  };
}
