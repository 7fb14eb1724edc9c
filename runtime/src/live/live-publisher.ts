import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { counterOn, gaugeOn, quietLogger, type EslApi } from '../services/metrics.js';
import { CallcenterReader } from '../services/queues/callcenter-reader.js';
import type { LiveCalls } from './live-calls.js';
import { LIVE_SNAPSHOT_VERSION, queueReading, type LiveQueueReading, type LiveSnapshot } from './live-snapshot.js';
import { publishLiveSnapshot, pruneLiveSnapshots, withdrawLiveSnapshot } from './live-store.js';
import type { SqlConnection } from '@switchboard/db';

/** Settings for {@link startLivePublisher}. */
export interface LivePublisherOptions {
  db: { sql: SqlConnection };
  /** `RUNTIME_INSTANCE`: the snapshot's row. */
  instance: string;
  environment: string;
  calls: LiveCalls;
  /** Connections the outbound server is handling now. */
  activeCalls: () => number;
  /** The queues to read from the switch each round (the ones the live flows use). */
  queues: () => readonly string[];
  /** The inbound ESL connection and whether it is up; null: a runtime without one publishes calls only. */
  esl: { api: EslApi['api']; ready: () => boolean } | null;
  /** One snapshot per this many ms. Default 1,000. */
  everyMs?: number;
  /** A snapshot not refreshed within this long is ignored by the API. Default 5,000 (four missed rounds). */
  ttlMs?: number;
  /** Reading the queues gives up after this long (the snapshot goes out without them). Default 800 ms. */
  readTimeoutMs?: number;
  registry?: Registry;
  logger?: Logger;
}

/** The last round's cost, for `/metrics` and measurements. */
export interface LiveRound {
  /** Reading the queues from the switch. */
  readMs: number;
  /** The upsert. */
  writeMs: number;
  /** Bytes of the snapshot's JSON. */
  bytes: number;
  ok: boolean;
}

export interface LivePublisher {
  /** Builds and publishes one snapshot now (also what each round does). */
  publishNow(): Promise<void>;
  readonly lastRound: LiveRound | null;
  /** Stops the rounds and removes this runtime's row, so it leaves the view at once. */
  stop(): Promise<void>;
}

/** Prunes rows of long-gone runtimes every this many rounds. */
const PRUNE_EVERY_ROUNDS = 300;

/**
 * Publishes this runtime's {@link LiveSnapshot} about once a second: the calls it is handling (counted from
 * {@link LiveCalls}) and the live flows' queues as its switch lists them (`callcenter_config queue list members`
 * and `agents`, two `api` commands per queue). One upsert per round, nothing per call; rounds never overlap (a slow
 * round delays the next).
 */
export function startLivePublisher(options: LivePublisherOptions): LivePublisher {
  const everyMs = options.everyMs ?? 1000;
  const ttlMs = options.ttlMs ?? 5000;
  const readTimeoutMs = options.readTimeoutMs ?? 800;
  const logger = options.logger ?? quietLogger();
  const reader = options.esl ? new CallcenterReader(options.esl) : null;
  const rounds = counterOn(options.registry, 'switchboard_live_snapshots_total', 'Live view snapshots published by this runtime', ['result']);
  const roundSeconds = gaugeOn(options.registry, 'switchboard_live_snapshot_seconds', 'Time the last live view snapshot took: reading the queues from the switch, writing the row', ['part']);
  let switchId: string | null = null;
  let lastRound: LiveRound | null = null;
  let round = 0;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastFailure = '';

  async function readQueues(): Promise<{ queues: LiveQueueReading[]; error: string | null }> {
    const names = options.queues();
    if (!reader || !options.esl) return { queues: [], error: null };
    if (!options.esl.ready()) {
      switchId = null;
      return { queues: [], error: 'the switch is not connected' };
    }
    if (names.length === 0) return { queues: [], error: null };
    let timeout: NodeJS.Timeout | undefined;
    try {
      const expired = new Promise<never>((_, reject) => {
        timeout = setTimeout(() => reject(new Error(`the switch did not list the queues within ${readTimeoutMs} ms`)), readTimeoutMs);
      });
      const esl = options.esl;
      const read = async () => {
        switchId ??= (await esl.api('hostname')).trim() || null;
        // Each queue on its own: one the switch does not know (a flow published before the queue was configured) must
        // not hide the others.
        const settled = await Promise.allSettled(names.map(async (queue) => queueReading(queue, await reader.members(queue), await reader.agents(queue))));
        const failed = settled.flatMap((result, i) => (result.status === 'rejected' ? [`${names[i]}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`] : []));
        const queues = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
        return { queues, error: failed.length > 0 ? failed.join('; ') : null };
      };
      return await Promise.race([read(), expired]);
    } catch (error) {
      switchId = null;
      return { queues: [], error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timeout);
    }
  }

  async function publishOnce(): Promise<void> {
    const started = performance.now();
    const { queues, error } = await readQueues();
    const read = performance.now();
    const { flows, nodes } = options.calls.counts();
    const snapshot: LiveSnapshot = {
      version: LIVE_SNAPSHOT_VERSION,
      instance: options.instance,
      environment: options.environment,
      switchId,
      activeCalls: options.activeCalls(),
      flows,
      nodes,
      queues,
      queueError: error,
    };
    const bytes = JSON.stringify(snapshot).length;
    try {
      await publishLiveSnapshot(options.db, snapshot, ttlMs);
      if (++round % PRUNE_EVERY_ROUNDS === 0) await pruneLiveSnapshots(options.db);
      rounds.inc({ result: 'ok' });
      lastFailure = '';
      lastRound = { readMs: read - started, writeMs: performance.now() - read, bytes, ok: true };
    } catch (failure) {
      rounds.inc({ result: 'error' });
      lastRound = { readMs: read - started, writeMs: performance.now() - read, bytes, ok: false };
      const message = String(failure);
      // Once per distinct failure, not every second while the database is away.
      if (message !== lastFailure) logger.warn({ err: message }, 'could not publish the live view snapshot');
      lastFailure = message;
    }
    roundSeconds.set({ part: 'read' }, lastRound.readMs / 1000);
    roundSeconds.set({ part: 'write' }, lastRound.writeMs / 1000);
  }

  function publishNow(): Promise<void> {
    running ??= publishOnce().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      const began = performance.now();
      void publishNow().finally(() => schedule(Math.max(0, everyMs - (performance.now() - began))));
    }, delayMs);
    timer.unref();
  }
  void publishNow();
  schedule(everyMs);

  return {
    publishNow,
    get lastRound() {
      return lastRound;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await withdrawLiveSnapshot(options.db, options.instance).catch((error: unknown) => logger.warn({ err: String(error) }, 'could not remove the live view snapshot'));
    },
  };
}
