import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { gaugeOn, quietLogger } from '../metrics.js';
import type { CallbackDatabase } from './callback-store.js';

/**
 * Switch groups: which switch (or cluster of switches) can reach a callback's caller.
 *
 * A callback belongs to the group of the runtime that took the call (`SWITCH_GROUP`, default `default`; the
 * emulated switch of `pnpm start` uses `emulator:<host>`, a name real runtimes cannot configure). Only a dialer
 * connected to a switch of that group claims it. Each dialer records itself in `switch_group_dialers` every round
 * while its switch connection is up; a group whose callbacks wait with no dialer seen within `liveMs` is reported
 * on `/healthz` and `/metrics` of every runtime sharing the database, and its callbacks simply wait.
 */

/** A dialer not seen for this long is not live. Well above the dialer's round (2 s) and a slow database round trip. */
export const DIALER_LIVE_MS = 60_000;

/** Rows of dialers gone for this long are removed (a runtime that crashed never removes its own). */
const FORGET_DIALERS_AFTER_MS = 24 * 3600_000;

/** The name `pnpm start` gives its emulated switch's group; `loadConfig` refuses the prefix for real runtimes. */
export const EMULATED_GROUP_PREFIX = 'emulator:';

/** A dialer says it is connected to a switch of `switchGroup` and placing that group's callbacks. */
export async function recordDialerAlive(db: CallbackDatabase, dialer: { workerId: string; switchGroup: string; startedAt: Date }, at: Date): Promise<void> {
  await db.sql.query(
    `INSERT INTO switch_group_dialers (worker_id, switch_group, started_at, last_seen_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (worker_id) DO UPDATE SET switch_group = EXCLUDED.switch_group, last_seen_at = EXCLUDED.last_seen_at`,
    [dialer.workerId, dialer.switchGroup, dialer.startedAt.toISOString(), at.toISOString()],
  );
}

/** A dialer stopped: it no longer counts as live for its group; rows of long-gone dialers are pruned too. */
export async function forgetDialer(db: CallbackDatabase, workerId: string, at: Date): Promise<void> {
  await db.sql.query(`DELETE FROM switch_group_dialers WHERE worker_id = $1 OR last_seen_at < $2`, [workerId, new Date(at.getTime() - FORGET_DIALERS_AFTER_MS).toISOString()]);
}

/** What waits in one switch group and who can place it. */
export interface SwitchGroupCallbacks {
  switchGroup: string;
  /** Callbacks waiting to be placed (`pending`), due now or later. */
  pending: number;
  /** Of those, the ones due now (their time and window have come). */
  due: number;
  /** Callbacks being placed right now (`in_progress`). */
  inProgress: number;
  /** Dialers of this group seen within {@link DIALER_LIVE_MS}. */
  liveDialers: number;
}

/** Every group that has open callbacks or a live dialer, by name. */
export async function switchGroupCallbacks(db: CallbackDatabase, now: Date, liveMs = DIALER_LIVE_MS): Promise<SwitchGroupCallbacks[]> {
  const rows = await db.sql.query<{ switch_group: string; pending: string | number; due: string | number; in_progress: string | number; live_dialers: string | number }>(
    `WITH open AS (
       SELECT switch_group,
              count(*) FILTER (WHERE status = 'pending') AS pending,
              count(*) FILTER (WHERE status = 'pending' AND next_attempt_at <= $1
                                 AND (window_start IS NULL OR window_start <= $1) AND (window_end IS NULL OR window_end > $1)) AS due,
              count(*) FILTER (WHERE status = 'in_progress') AS in_progress
         FROM callbacks WHERE status IN ('pending', 'in_progress') GROUP BY switch_group
     ), live AS (
       SELECT switch_group, count(*) AS live_dialers FROM switch_group_dialers
        WHERE last_seen_at > $1::timestamptz - ($2 || ' milliseconds')::interval GROUP BY switch_group
     )
     SELECT coalesce(open.switch_group, live.switch_group) AS switch_group, coalesce(pending, 0) AS pending, coalesce(due, 0) AS due,
            coalesce(in_progress, 0) AS in_progress, coalesce(live_dialers, 0) AS live_dialers
       FROM open FULL JOIN live ON live.switch_group = open.switch_group
      ORDER BY 1`,
    [now.toISOString(), String(liveMs)],
  );
  return rows.map((row) => ({
    switchGroup: row.switch_group,
    pending: Number(row.pending),
    due: Number(row.due),
    inProgress: Number(row.in_progress),
    liveDialers: Number(row.live_dialers),
  }));
}

/** One group as `/healthz` shows it. */
export interface SwitchGroupHealth extends SwitchGroupCallbacks {
  /** This runtime's dialer places this group's callbacks (it is connected to a switch of the group). */
  dialedHere: boolean;
  /** Set when callbacks wait that nobody can place, e.g. `no live dialer for switch group "default"; 5 callbacks waiting`. */
  problem?: string;
}

/** The `callbacks` part of `/healthz`. */
export interface CallbackGroupsHealth {
  /** The group this runtime books callbacks in (`SWITCH_GROUP`). */
  switchGroup: string;
  /** This runtime's dialer is running and connected, so it places `switchGroup`'s callbacks. */
  dialing: boolean;
  /** When the groups were last read from the database; null before the first reading. */
  checkedAt: string | null;
  groups: SwitchGroupHealth[];
}

/** Settings for {@link startCallbackGroupsMonitor}. */
export interface CallbackGroupsMonitorOptions {
  /** The group this runtime books callbacks in. */
  switchGroup: string;
  /** Whether this runtime's dialer is placing callbacks right now (running and connected to its switch). */
  dialing: () => boolean;
  /** Read the groups this often. Default 10 s. */
  everyMs?: number;
  liveMs?: number;
  now?: () => number;
  /** Start reading on a timer. Default true; tests call {@link CallbackGroupsMonitor.refresh}. */
  autoStart?: boolean;
  registry?: Registry;
  logger?: Logger;
}

/** Keeps the latest per-group reading for `/healthz` and the gauges of `/metrics`. */
export interface CallbackGroupsMonitor {
  /** The latest reading (synchronous, for `/healthz`). */
  health(): CallbackGroupsHealth;
  /** Reads the groups now. */
  refresh(): Promise<CallbackGroupsHealth>;
  /** Stops the timer and waits for a reading in progress. */
  stop(): Promise<void>;
}

/**
 * Reads every switch group's waiting callbacks and live dialers on a timer, so any runtime on the database can
 * say "no live dialer for group X, N callbacks waiting". Gauges: `switchboard_callbacks_pending{switch_group}`,
 * `switchboard_callback_dialers_live{switch_group}`, `switchboard_callback_group_dialed_here{switch_group}`.
 */
export function startCallbackGroupsMonitor(db: CallbackDatabase, options: CallbackGroupsMonitorOptions): CallbackGroupsMonitor {
  const now = options.now ?? Date.now;
  const logger = (options.logger ?? quietLogger()).child({ component: 'callback-groups' });
  const pendingGauge = gaugeOn(options.registry, 'switchboard_callbacks_pending', 'Callbacks waiting to be placed, by switch group', ['switch_group']);
  const liveGauge = gaugeOn(options.registry, 'switchboard_callback_dialers_live', 'Dialers seen placing callbacks in the last minute, by switch group', ['switch_group']);
  const hereGauge = gaugeOn(options.registry, 'switchboard_callback_group_dialed_here', '1 when this runtime places the switch group\'s callbacks', ['switch_group']);
  let latest: CallbackGroupsHealth = { switchGroup: options.switchGroup, dialing: options.dialing(), checkedAt: null, groups: [] };
  let reported = new Set<string>();

  async function refresh(): Promise<CallbackGroupsHealth> {
    const at = new Date(now());
    const dialing = options.dialing();
    const groups = await switchGroupCallbacks(db, at, options.liveMs);
    if (!groups.some((group) => group.switchGroup === options.switchGroup)) {
      groups.push({ switchGroup: options.switchGroup, pending: 0, due: 0, inProgress: 0, liveDialers: 0 });
    }
    const withHealth = groups.map((group): SwitchGroupHealth => {
      const dialedHere = dialing && group.switchGroup === options.switchGroup;
      const waiting = group.pending + group.inProgress;
      // This runtime's own connected dialer counts even before its first heartbeat reached the table.
      const problem = waiting > 0 && group.liveDialers === 0 && !dialedHere ? `no live dialer for switch group "${group.switchGroup}"; ${waiting} callback${waiting === 1 ? '' : 's'} waiting` : undefined;
      return { ...group, dialedHere, ...(problem ? { problem } : {}) };
    });
    pendingGauge.reset();
    liveGauge.reset();
    hereGauge.reset();
    for (const group of withHealth) {
      pendingGauge.set({ switch_group: group.switchGroup }, group.pending);
      liveGauge.set({ switch_group: group.switchGroup }, group.liveDialers);
      hereGauge.set({ switch_group: group.switchGroup }, group.dialedHere ? 1 : 0);
    }
    const problems = new Set(withHealth.flatMap((group) => (group.problem ? [group.switchGroup] : [])));
    for (const group of withHealth) if (group.problem && !reported.has(group.switchGroup)) logger.warn({ switchGroup: group.switchGroup, pending: group.pending }, group.problem);
    reported = problems;
    latest = { switchGroup: options.switchGroup, dialing, checkedAt: at.toISOString(), groups: withHealth };
    return latest;
  }

  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let round: Promise<unknown> = Promise.resolve();
  const loop = () => {
    round = refresh()
      .catch((error: unknown) => logger.warn({ err: String(error) }, 'switch groups not read'))
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(loop, options.everyMs ?? 10_000);
          timer.unref();
        }
      });
  };
  if (options.autoStart ?? true) loop();

  return {
    health: () => latest,
    refresh,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
