import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { QueuePosition, QueueService, QueueSnapshot } from '../contracts.js';
import { counterOn, quietLogger, type EslApi } from '../metrics.js';
import { CallcenterReader } from './callcenter-reader.js';
import type { QueueAgentRow, QueueMemberRow } from './callcenter-tables.js';
import { estimateWaitSeconds, isFree, isLoggedIn, ServiceRateTracker } from './wait-estimate.js';

/** Settings for {@link createQueueService}. */
export interface QueueServiceOptions {
  /** Epoch ms; injected for tests. Default `Date.now`. */
  now?: () => number;
  /** A queue's members and agents are read from the switch at most once per this many ms. Default 2,000. */
  cacheMs?: number;
  /** How often watched queues are checked for callers due an update. Default 1,000 ms. */
  tickMs?: number;
  /** A reading the switch has not answered within this long fails (a stuck switch must not stall every watcher). Default 5,000 ms. */
  readTimeoutMs?: number;
  /** Sliding window of the observed answer rate (see wait-estimate.ts). Default 15 min. */
  rateWindowMs?: number;
  registry?: Registry;
  logger?: Logger;
}

/** A {@link QueueService} that can be shut down (stops every position watch). */
export interface ManagedQueueService extends QueueService {
  close(): void;
}

interface Observation {
  at: number;
  members: QueueMemberRow[];
  agents: QueueAgentRow[];
  /** Caller channel uuid → 1-based place among waiting members; built once per reading, on first use. */
  positions?: Map<string, number>;
}

function positionsOf(observation: Observation): Map<string, number> {
  observation.positions ??= new Map(waitingInServiceOrder(observation.members).map((m, i) => [m.sessionUuid, i + 1]));
  return observation.positions;
}

interface Watcher {
  callUuid: string;
  everyMs: number;
  dueAt: number;
  onUpdate: (position: QueuePosition) => void;
}

interface QueueState {
  latest: Observation | undefined;
  inFlight: Promise<Observation> | undefined;
  tracker: ServiceRateTracker;
  watchers: Set<Watcher>;
  timer: NodeJS.Timeout | undefined;
  ticking: boolean;
}

/** Callers still waiting, in the order mod_callcenter offers them to agents: highest score first, then longest wait. */
export function waitingInServiceOrder(members: readonly QueueMemberRow[]): QueueMemberRow[] {
  return members
    .filter((m) => m.state === 'Waiting' || m.state === 'Trying')
    .sort((a, b) => b.score - a.score || a.joinedEpoch - b.joinedEpoch || a.uuid.localeCompare(b.uuid));
}

/**
 * Queue statistics and callers' positions from mod_callcenter over the inbound ESL connection.
 *
 * - `snapshot(queue)` reads `queue list members` and `queue list agents` (see {@link CallcenterReader}):
 *   callers waiting = members `Waiting` or `Trying` (abandoned rows, which `queue count members` still counts,
 *   are left out), agents logged in = `Available`, `Available (On Demand)` or `On Break`, agents available =
 *   staffed and in state `Waiting`, and an estimated wait for a new caller (method in `wait-estimate.ts`).
 *   It rejects when the switch cannot be asked (the caller decides what to do without queue data).
 * - `watchPosition(queue, callUuid, …)` finds the caller by its channel uuid (`session_uuid`, the channel that
 *   ran `callcenter`) among waiting members ordered as the switch serves them (score = base score + wait, then
 *   join time). Position 0 means the switch no longer lists the caller as waiting.
 *
 * Every reading of a queue is shared: at most one read per queue per `cacheMs`, and one timer per watched queue
 * serves all its watchers, so thousands of waiting callers cost the switch the same as one.
 */
export function createQueueService(esl: Pick<EslApi, 'api'>, options: QueueServiceOptions = {}): ManagedQueueService {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 2000;
  const tickMs = options.tickMs ?? 1000;
  const readTimeoutMs = options.readTimeoutMs ?? 5000;
  const logger = options.logger ?? quietLogger();
  const reader = new CallcenterReader(esl);
  const polls = counterOn(options.registry, 'switchboard_queue_polls_total', 'Reads of a queue from mod_callcenter (members and agents)', ['result']);
  const queues = new Map<string, QueueState>();

  function stateOf(queue: string): QueueState {
    let state = queues.get(queue);
    if (!state) {
      state = { latest: undefined, inFlight: undefined, tracker: new ServiceRateTracker(options.rateWindowMs), watchers: new Set(), timer: undefined, ticking: false };
      queues.set(queue, state);
    }
    return state;
  }

  async function read(queue: string, state: QueueState): Promise<Observation> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`mod_callcenter did not answer about ${queue} within ${readTimeoutMs} ms`)), readTimeoutMs);
      });
      const [members, agents] = await Promise.race([Promise.all([reader.members(queue), reader.agents(queue)]), timeout]);
      const observation = { at: now(), members, agents };
      state.tracker.observe(members, observation.at);
      state.latest = observation;
      polls.inc({ result: 'ok' });
      return observation;
    } catch (error) {
      polls.inc({ result: 'error' });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  function observe(queue: string): Promise<Observation> {
    const state = stateOf(queue);
    if (state.latest && now() - state.latest.at < cacheMs) return Promise.resolve(state.latest);
    state.inFlight ??= read(queue, state).finally(() => {
      state.inFlight = undefined;
    });
    return state.inFlight;
  }

  /** Estimated wait by position for one reading (the answer rate looked up once). */
  function estimator(queue: string, observation: Observation): (position: number) => number {
    const observedServiceRate = stateOf(queue).tracker.ratePerSecond(observation.at);
    return (position) => (position > 0 ? estimateWaitSeconds({ position, agents: observation.agents, observedServiceRate }) : 0);
  }

  async function tick(queue: string, state: QueueState): Promise<void> {
    const due = [...state.watchers].filter((w) => w.dueAt <= now());
    if (due.length === 0 || state.ticking) return;
    state.ticking = true;
    try {
      const observation = await observe(queue);
      const positions = positionsOf(observation);
      const estimate = estimator(queue, observation);
      for (const watcher of due) {
        if (!state.watchers.has(watcher)) continue;
        watcher.dueAt = now() + watcher.everyMs;
        const position = positions.get(watcher.callUuid) ?? 0;
        const update = { position, estimatedWaitSeconds: estimate(position) };
        try {
          watcher.onUpdate(update);
        } catch (error) {
          logger.error({ err: error, queue, callUuid: watcher.callUuid }, 'queue position listener threw');
        }
      }
    } catch (error) {
      for (const watcher of due) watcher.dueAt = now() + watcher.everyMs;
      logger.warn({ err: error, queue }, 'could not read queue for position updates');
    } finally {
      state.ticking = false;
    }
  }

  return {
    async snapshot(queue: string): Promise<QueueSnapshot> {
      const observation = await observe(queue);
      const callersWaiting = positionsOf(observation).size;
      return {
        callersWaiting,
        agentsLoggedIn: observation.agents.filter(isLoggedIn).length,
        agentsAvailable: observation.agents.filter(isFree).length,
        estimatedWaitSeconds: estimator(queue, observation)(callersWaiting + 1),
      };
    },

    watchPosition(queue, callUuid, everySeconds, onUpdate) {
      const state = stateOf(queue);
      const everyMs = Math.max(1, everySeconds) * 1000;
      const watcher: Watcher = { callUuid, everyMs, dueAt: now() + everyMs, onUpdate };
      state.watchers.add(watcher);
      if (!state.timer) {
        state.timer = setInterval(() => void tick(queue, state), tickMs);
        state.timer.unref();
      }
      return () => {
        state.watchers.delete(watcher);
        if (state.watchers.size === 0 && state.timer) {
          clearInterval(state.timer);
          state.timer = undefined;
        }
      };
    },

    close() {
      for (const state of queues.values()) {
        state.watchers.clear();
        clearInterval(state.timer);
        state.timer = undefined;
      }
    },
  };
}
