import type { ApiServices } from "../trpc.js";
import { purgeExpiredCalls, type PurgeResult } from "../privacy/retention.js";
import { expireIncidents, fireEnd, fireStart, type Fired } from "./fire.js";

export interface SchedulerOptions {
  /** A full sweep at least this often, whatever the timer says (default 30 s). */
  sweepEveryMs?: number;
  /** How often call records older than the retention period are purged (default hourly; the first at start-up). */
  purgeEveryMs?: number;
  /** Where "activated …", "missed …" lines go (default: console). */
  log?: (line: string) => void;
}

export interface Scheduler {
  /** Fires everything due now (starts, ends, expired incident overrides); resolves with what it fired. */
  sweep(): Promise<Fired[]>;
  /** Deletes call records older than the retention period now (also run by a timer). */
  purge(): Promise<PurgeResult | null>;
  /** When the timer is set to fire next (epoch ms), or null. */
  readonly nextDueAt: number | null;
  stop(): Promise<void>;
}

/** setTimeout's longest delay (~24.8 days); later items are re-armed by the periodic sweep. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The scheduled-publishing clock of one API server. A timer set to the next due item (a start, an end, an incident
 * override's end) fires it at its second; a periodic sweep catches anything another server created (also announced
 * on the notice bus) or that a timer missed; the first sweep at start-up fires what fell due while no server ran,
 * and the history says how late. Several API servers may run one each: every fire is claimed with a conditional
 * UPDATE under the binding's row lock (fire.ts), so nothing fires twice.
 */
export function startScheduler(services: ApiServices, options: SchedulerOptions = {}): Scheduler {
  const log = options.log ?? ((line: string) => console.log(line));
  const every = options.sweepEveryMs ?? 30_000;
  const purgeEvery = options.purgeEveryMs ?? 3_600_000;
  let purging: Promise<PurgeResult | null> | null = null;
  /** One purge at a time; a failure is logged and retried at the next turn. */
  const purge = (): Promise<PurgeResult | null> => {
    if (stopped) return Promise.resolve(null);
    purging ??= purgeExpiredCalls(services.prisma, services.now())
      .then((result) => {
        if (result.calls > 0 || result.callbacks > 0) log(`[privacy] deleted ${result.calls} call record(s) and ${result.callbacks} finished callback(s) started before ${result.cutoff}`);
        return result;
      })
      .catch((error: unknown) => {
        log(`[privacy] purge failed, retrying later: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      })
      .finally(() => {
        purging = null;
      });
    return purging;
  };
  const purgeTimer = setInterval(() => void purge(), purgeEvery);
  purgeTimer.unref();
  let timer: NodeJS.Timeout | undefined;
  let nextDueAt: number | null = null;
  let stopped = false;
  let running: Promise<Fired[]> | null = null;
  let again = false;

  const nextDue = async (): Promise<number | null> => {
    const [start, end, incident] = await Promise.all([
      services.prisma.scheduledPublish.findFirst({ where: { status: "pending" }, orderBy: { startsAt: "asc" }, select: { startsAt: true } }),
      services.prisma.scheduledPublish.findFirst({ where: { status: "active", endsAt: { not: null } }, orderBy: { endsAt: "asc" }, select: { endsAt: true } }),
      services.prisma.incidentOverride.findFirst({ where: { endedAt: null, endsAt: { not: null } }, orderBy: { endsAt: "asc" }, select: { endsAt: true } }),
    ]);
    const times = [start?.startsAt, end?.endsAt, incident?.endsAt].filter((t): t is Date => t instanceof Date).map((t) => t.getTime());
    return times.length === 0 ? null : Math.min(...times);
  };

  const arm = async () => {
    clearTimeout(timer);
    if (stopped) return;
    const due = await nextDue();
    nextDueAt = due;
    const delay = due === null ? every : Math.min(Math.max(0, due - services.now().getTime()), every, MAX_TIMER_MS);
    timer = setTimeout(() => void run(), delay);
    timer.unref();
  };

  const sweepOnce = async (): Promise<Fired[]> => {
    const now = services.now();
    const fired: Fired[] = [];
    const starts = await services.prisma.scheduledPublish.findMany({ where: { status: "pending", startsAt: { lte: now } }, orderBy: { startsAt: "asc" }, select: { id: true } });
    for (const { id } of starts) {
      const result = await fireStart(services, id);
      if (result) fired.push(result);
    }
    const ends = await services.prisma.scheduledPublish.findMany({ where: { status: "active", endsAt: { lte: now } }, orderBy: { endsAt: "asc" }, select: { id: true } });
    for (const { id } of ends) {
      const result = await fireEnd(services, id);
      if (result) fired.push(result);
    }
    const expired = await expireIncidents(services);
    for (const item of fired) log(`[scheduler] ${item.what} schedule ${item.scheduleId.slice(0, 8)} on ${item.address} (${item.environment}): ${item.note}`);
    if (expired > 0) log(`[scheduler] ${expired} incident override(s) reached their end time`);
    return fired;
  };

  /** One sweep at a time; a request during a sweep runs one more after it. */
  const run = (): Promise<Fired[]> => {
    if (stopped) return Promise.resolve([]);
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      const fired: Fired[] = [];
      do {
        again = false;
        try {
          fired.push(...(await sweepOnce()));
        } catch (error) {
          log(`[scheduler] sweep failed, retrying in ${Math.round(every / 1000)} s: ${error instanceof Error ? error.message : String(error)}`);
        }
      } while (again && !stopped);
      await arm().catch(() => undefined);
      return fired;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const unsubscribe = services.deploymentEvents.subscribeOverrides(() => void run());
  const unlisten = services.deploymentEvents.onReconnect(() => void run());
  void run();
  void purge();

  return {
    sweep: run,
    purge,
    get nextDueAt() {
      return nextDueAt;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(purgeTimer);
      unsubscribe();
      unlisten();
      await running?.catch(() => undefined);
      await purging;
    },
  };
}
