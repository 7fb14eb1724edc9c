/**
 * When a keep-your-place callback's turn comes. Pure: the dialer reads the queue and asks.
 *
 * A caller who asks for a callback keeps waiting *virtually*: their virtual wait is the time they had waited
 * when they asked plus the time since. mod_callcenter offers callers in order of score (base score + seconds
 * waited); the callback stands where a caller with its virtual wait would stand. Its turn comes when fewer
 * callers stand ahead of it than agents will take the next callers: `ahead < max(1, free agents)` — with no free
 * agent, the caller at the head is called now, and the callee's ring and announcement are the lead time until an
 * agent frees up. Ahead count: real callers waiting with a higher score, callbacks of the queue with a longer
 * virtual wait (whether or not their turn comes in this round), and callbacks being dialled right now (they are
 * about to join). While no agent is logged in (or all are on a break), nobody's turn comes: a real caller would
 * be waiting too.
 */
import type { QueueAgentRow, QueueMemberRow } from '../queues/callcenter-tables.js';
import { waitingInServiceOrder } from '../queues/queue-service.js';
import { isStaffed, isFree } from '../queues/wait-estimate.js';

/** A queue as the switch lists it. */
export interface QueueView {
  members: readonly QueueMemberRow[];
  agents: readonly QueueAgentRow[];
}

/** A callback waiting for its turn. */
export interface WaitingCallback {
  id: string;
  originalWaitSeconds: number;
  /** Epoch ms when the caller asked. */
  requestedAt: number;
}

/** Seconds the caller would have waited by `now` had they stayed in the queue. */
export function virtualWaitSeconds(callback: Pick<WaitingCallback, 'originalWaitSeconds' | 'requestedAt'>, now: number): number {
  return Math.max(0, callback.originalWaitSeconds + Math.max(0, now - callback.requestedAt) / 1000);
}

/** Why a callback is or is not placed now (logged, and shown in tests). */
export type TurnDecision = { id: string; turn: true; ahead: number } | { id: string; turn: false; ahead: number; reason: 'callersAhead' | 'noAgents' };

/**
 * Decides, for the waiting callbacks of one queue, whose turn has come. `dialling` is how many of the queue's
 * callbacks are being placed right now.
 */
export function callbackTurns(view: QueueView, callbacks: readonly WaitingCallback[], dialling: number, now: number): TurnDecision[] {
  const staffed = view.agents.filter(isStaffed).length;
  const slots = Math.max(1, view.agents.filter(isFree).length);
  const scores = waitingInServiceOrder(view.members).map((member) => member.score);
  const ordered = [...callbacks].sort((a, b) => virtualWaitSeconds(b, now) - virtualWaitSeconds(a, now) || a.requestedAt - b.requestedAt);
  return ordered.map((callback, index) => {
    const wait = virtualWaitSeconds(callback, now);
    const ahead = scores.filter((score) => score > wait).length + index + dialling;
    if (staffed === 0) return { id: callback.id, turn: false, ahead, reason: 'noAgents' };
    return ahead < slots ? { id: callback.id, turn: true, ahead } : { id: callback.id, turn: false, ahead, reason: 'callersAhead' };
  });
}
