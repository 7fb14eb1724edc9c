/**
 * The live view's data (issue 12): what one runtime sees now ({@link LiveSnapshot}, published about once a second)
 * and how the API merges the snapshots of every runtime into one view ({@link mergeLiveSnapshots}). Pure: no
 * clock, no I/O — times come in as arguments. Exported as `@switchboard/runtime/live` for the designer's API.
 */
import type { QueueAgentRow, QueueMemberRow } from '../services/queues/callcenter-tables.js';
import { isFree, isLoggedIn } from '../services/queues/wait-estimate.js';

/** Bumped when the snapshot's shape changes; the API skips snapshots of another version (a runtime mid-upgrade). */
export const LIVE_SNAPSHOT_VERSION = 1;

/** Calls in progress on one number, by the flow it runs (null: the fallback, no live flow). */
export interface LiveFlowCalls {
  environment: string;
  address: string;
  flowName: string | null;
  calls: number;
}

/** Calls in progress whose last node entered is this one (of the flow or sub-flow it belongs to). */
export interface LiveNodeCalls {
  environment: string;
  flowName: string;
  nodeId: string;
  nodeType: string;
  calls: number;
}

/** One mod_callcenter queue as the switch listed it when the snapshot was built. */
export interface LiveQueueReading {
  queue: string;
  /** Members `Waiting` or `Trying` (being offered to an agent); abandoned rows are left out. */
  callersWaiting: number;
  /** How long the caller waiting longest has waited, in whole seconds on the switch's clock; 0 when nobody waits. */
  longestWaitSeconds: number;
  /** Agents logged in and ready for a call (`Waiting`). */
  agentsAvailable: number;
  /** Agents logged in (`Available`, `Available (On Demand)` or `On Break`). */
  agentsLoggedIn: number;
}

/** What one runtime instance sees now. Small: one row per runtime, never one per call. */
export interface LiveSnapshot {
  version: typeof LIVE_SNAPSHOT_VERSION;
  instance: string;
  environment: string;
  /**
   * The switch's own name (`api hostname`), so runtimes sharing one switch report its queues once; null when the
   * switch could not be asked.
   */
  switchId: string | null;
  /** Calls this runtime is handling (every connection, flows or not). */
  activeCalls: number;
  flows: LiveFlowCalls[];
  nodes: LiveNodeCalls[];
  /** The queues the live flows use, read from the switch for this snapshot; empty when it could not be read. */
  queues: LiveQueueReading[];
  /** Why the queues are missing, when they are (switch unreachable, a read failed). */
  queueError: string | null;
}

/** Members mod_callcenter still counts as waiting for an agent. */
function isWaiting(member: QueueMemberRow): boolean {
  return member.state === 'Waiting' || member.state === 'Trying';
}

/**
 * How long a member has waited, on the switch's own clock: mod_callcenter lists each member's `score` as
 * (now − joined_epoch) + base_score + skill_score, computed when it answers (transcript 05: an abandoned row's score
 * grown by its 5 s). Taking the base and skill scores back off leaves the wait, with no clock skew between the
 * switch and this host, and a callback's base score (its caller's earlier wait) does not count as waiting now.
 */
export function memberWaitSeconds(member: QueueMemberRow): number {
  return Math.max(0, member.score - member.baseScore - member.skillScore);
}

/** A queue's figures from one reading of `queue list members` and `queue list agents`. */
export function queueReading(queue: string, members: readonly QueueMemberRow[], agents: readonly QueueAgentRow[]): LiveQueueReading {
  const waiting = members.filter(isWaiting);
  return {
    queue,
    callersWaiting: waiting.length,
    longestWaitSeconds: waiting.reduce((longest, member) => Math.max(longest, memberWaitSeconds(member)), 0),
    agentsAvailable: agents.filter(isFree).length,
    agentsLoggedIn: agents.filter(isLoggedIn).length,
  };
}

/** A stored snapshot as the API reads it back, with its age on the database's clock. */
export interface StoredLiveSnapshot {
  instance: string;
  /** Milliseconds since it was published. */
  ageMs: number;
  /** Past the expiry its runtime gave it (both on the database's clock): the runtime stopped publishing. */
  expired: boolean;
  /** Untrusted JSON: checked by {@link asLiveSnapshot}. */
  snapshot: unknown;
}

/** Callbacks waiting to be placed for one queue (from the `callbacks` table). */
export interface PendingCallbacks {
  queue: string;
  pending: number;
}

/** One queue in the merged view. */
export interface LiveQueueView extends LiveQueueReading {
  callbacksPending: number;
}

/** A runtime that contributed to the view. */
export interface LiveRuntimeView {
  instance: string;
  environment: string;
  ageMs: number;
  activeCalls: number;
  switchId: string | null;
  queueError: string | null;
}

/** Every runtime's snapshot of one environment merged: what the live view page shows. */
export interface LiveView {
  environment: string;
  /** Agents are per queue only: an agent serving two queues is free in both, so a sum would count them twice. */
  totals: { callsInFlows: number; callersWaiting: number; longestWaitSeconds: number; callbacksPending: number };
  flows: LiveFlowCalls[];
  nodes: LiveNodeCalls[];
  queues: LiveQueueView[];
  runtimes: LiveRuntimeView[];
  /** Snapshots left out: too old (a runtime that stopped publishing) or of a shape this API does not know. */
  skipped: { stale: number; unreadable: number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The snapshot when it has this version's shape, else null (skipped, never trusted half-way). */
export function asLiveSnapshot(value: unknown): LiveSnapshot | null {
  if (!isRecord(value) || value.version !== LIVE_SNAPSHOT_VERSION) return null;
  const { instance, environment, activeCalls, flows, nodes, queues } = value;
  if (typeof instance !== 'string' || typeof environment !== 'string' || typeof activeCalls !== 'number') return null;
  if (!Array.isArray(flows) || !Array.isArray(nodes) || !Array.isArray(queues)) return null;
  const counted = (rows: unknown[]) => rows.every((row) => isRecord(row) && typeof row.calls === 'number');
  if (!counted(flows) || !counted(nodes)) return null;
  if (!queues.every((q) => isRecord(q) && typeof q.queue === 'string' && typeof q.callersWaiting === 'number' && typeof q.longestWaitSeconds === 'number')) return null;
  return value as unknown as LiveSnapshot;
}

/** Adds `row.calls` into the row with the same key, or a copy of `row`. */
function addInto<T extends { calls: number }>(into: Map<string, T>, key: string, row: T): void {
  const existing = into.get(key);
  if (existing) existing.calls += row.calls;
  else into.set(key, { ...row });
}

/**
 * Merges the snapshots of every runtime into the view of one environment.
 *
 * - Expired snapshots are left out: a runtime that died (or lost the database) drops out within its expiry.
 * - Calls add up: each call is handled by exactly one runtime.
 * - Queues are the switch's: runtimes sharing a switch (same `switchId`) all report its queues, so per switch and
 *   queue the freshest reading counts once; readings of different switches add up (longest wait: the longest).
 *   A reading's longest wait grows by its age, as the callers kept waiting since.
 * - Callbacks pending are per queue, from the database (`pending`), shown beside the queues.
 */
export function mergeLiveSnapshots(stored: readonly StoredLiveSnapshot[], pendingCallbacks: readonly PendingCallbacks[], options: { environment: string }): LiveView {
  const skipped = { stale: 0, unreadable: 0 };
  const fresh: Array<{ ageMs: number; snapshot: LiveSnapshot }> = [];
  for (const row of stored) {
    const snapshot = asLiveSnapshot(row.snapshot);
    if (!snapshot) skipped.unreadable += 1;
    else if (row.expired) skipped.stale += 1;
    else if (snapshot.environment === options.environment) fresh.push({ ageMs: Math.max(0, row.ageMs), snapshot });
  }
  fresh.sort((a, b) => a.ageMs - b.ageMs || a.snapshot.instance.localeCompare(b.snapshot.instance));

  const flows = new Map<string, LiveFlowCalls>();
  const nodes = new Map<string, LiveNodeCalls>();
  /** switch + queue → freshest reading (the list is sorted freshest first). */
  const readings = new Map<string, LiveQueueReading>();
  for (const { ageMs, snapshot } of fresh) {
    for (const row of snapshot.flows) addInto(flows, JSON.stringify([row.address, row.flowName]), row);
    for (const row of snapshot.nodes) addInto(nodes, JSON.stringify([row.flowName, row.nodeId]), row);
    for (const reading of snapshot.queues) {
      const key = JSON.stringify([snapshot.switchId ?? `runtime:${snapshot.instance}`, reading.queue]);
      if (readings.has(key)) continue;
      const aged = reading.callersWaiting > 0 ? reading.longestWaitSeconds + Math.floor(ageMs / 1000) : 0;
      readings.set(key, { ...reading, longestWaitSeconds: aged });
    }
  }

  const queues = new Map<string, LiveQueueView>();
  for (const reading of readings.values()) {
    const existing = queues.get(reading.queue);
    if (!existing) {
      queues.set(reading.queue, { ...reading, callbacksPending: 0 });
      continue;
    }
    existing.callersWaiting += reading.callersWaiting;
    existing.longestWaitSeconds = Math.max(existing.longestWaitSeconds, reading.longestWaitSeconds);
    existing.agentsAvailable += reading.agentsAvailable;
    existing.agentsLoggedIn += reading.agentsLoggedIn;
  }
  for (const { queue, pending } of pendingCallbacks) {
    if (pending <= 0) continue;
    const existing = queues.get(queue);
    if (existing) existing.callbacksPending += pending;
    else queues.set(queue, { queue, callersWaiting: 0, longestWaitSeconds: 0, agentsAvailable: 0, agentsLoggedIn: 0, callbacksPending: pending });
  }

  const flowRows = [...flows.values()].filter((row) => row.calls > 0).sort((a, b) => b.calls - a.calls || a.address.localeCompare(b.address));
  const nodeRows = [...nodes.values()].filter((row) => row.calls > 0).sort((a, b) => b.calls - a.calls || a.flowName.localeCompare(b.flowName) || a.nodeId.localeCompare(b.nodeId));
  const queueRows = [...queues.values()].sort((a, b) => b.callersWaiting - a.callersWaiting || a.queue.localeCompare(b.queue));
  return {
    environment: options.environment,
    totals: {
      callsInFlows: flowRows.reduce((sum, row) => sum + row.calls, 0),
      callersWaiting: queueRows.reduce((sum, row) => sum + row.callersWaiting, 0),
      longestWaitSeconds: queueRows.reduce((longest, row) => Math.max(longest, row.longestWaitSeconds), 0),
      callbacksPending: queueRows.reduce((sum, row) => sum + row.callbacksPending, 0),
    },
    flows: flowRows,
    nodes: nodeRows,
    queues: queueRows,
    runtimes: fresh
      .map(({ ageMs, snapshot }) => ({ instance: snapshot.instance, environment: snapshot.environment, ageMs, activeCalls: snapshot.activeCalls, switchId: snapshot.switchId, queueError: snapshot.queueError }))
      .sort((a, b) => a.instance.localeCompare(b.instance)),
    skipped,
  };
}
