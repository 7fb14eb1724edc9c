import { describe, expect, it } from 'vitest';
import type { QueueAgentRow, QueueMemberRow } from '../queues/callcenter-tables.js';
import { callbackTurns, virtualWaitSeconds } from './callback-turn.js';

const T0 = Date.parse('2026-12-23T10:00:00Z');
const member = (uuid: string, score: number, state: QueueMemberRow['state'] = 'Waiting'): QueueMemberRow => ({
  queue: 'support@default', uuid, sessionUuid: `s-${uuid}`, cidNumber: '', cidName: '', systemEpoch: 0, joinedEpoch: 0, bridgeEpoch: 0, abandonedEpoch: 0,
  baseScore: 0, skillScore: 0, servingAgent: '', state, score,
});
const agent = (name: string, state: string, status: QueueAgentRow['status'] = 'Available'): QueueAgentRow => ({ name, status, state, callsAnswered: 0, talkTime: 0 });
const busy = agent('ada', 'In a queue call');

describe('when a callback\'s turn comes', () => {
  it('counts the caller\'s wait on from when they asked', () => {
    expect(virtualWaitSeconds({ originalWaitSeconds: 120, requestedAt: T0 }, T0 + 90_000)).toBe(210);
  });

  it('waits while callers who waited longer are ahead, and comes when the caller would be at the front', () => {
    const callback = { id: 'cb', originalWaitSeconds: 200, requestedAt: T0 };
    const queue = { members: [member('a', 500), member('b', 400), member('c', 100)], agents: [busy] };
    expect(callbackTurns(queue, [callback], 0, T0)).toEqual([{ id: 'cb', turn: false, ahead: 2, reason: 'callersAhead' }]);
    // Two minutes later the two ahead were served; those who joined later (c) never count.
    const later = { members: [member('c', 220), member('d', 5)], agents: [busy] };
    expect(callbackTurns(later, [callback], 0, T0 + 120_000)).toEqual([{ id: 'cb', turn: true, ahead: 0 }]);
  });

  it('lets as many through as agents are free, oldest request first, counting callbacks already ringing', () => {
    const callbacks = [
      { id: 'young', originalWaitSeconds: 10, requestedAt: T0 },
      { id: 'old', originalWaitSeconds: 300, requestedAt: T0 },
      { id: 'middle', originalWaitSeconds: 100, requestedAt: T0 },
    ];
    const twoFree = { members: [], agents: [agent('ada', 'Waiting'), agent('bob', 'Waiting'), busy] };
    expect(callbackTurns(twoFree, callbacks, 0, T0).map((d) => [d.id, d.turn])).toEqual([['old', true], ['middle', true], ['young', false]]);
    expect(callbackTurns(twoFree, callbacks, 1, T0).map((d) => [d.id, d.turn])).toEqual([['old', true], ['middle', false], ['young', false]]);
  });

  it('calls nobody back while no agent is taking calls (logged out or on a break)', () => {
    const callback = { id: 'cb', originalWaitSeconds: 900, requestedAt: T0 };
    expect(callbackTurns({ members: [], agents: [] }, [callback], 0, T0)).toEqual([{ id: 'cb', turn: false, ahead: 0, reason: 'noAgents' }]);
    expect(callbackTurns({ members: [], agents: [agent('ada', 'Waiting', 'On Break')] }, [callback], 0, T0)).toMatchObject([{ turn: false, reason: 'noAgents' }]);
  });

  it('ignores members that already left or are talking to an agent', () => {
    const callback = { id: 'cb', originalWaitSeconds: 10, requestedAt: T0 };
    const queue = { members: [member('gone', 900, 'Abandoned'), member('served', 800, 'Answered')], agents: [busy] };
    expect(callbackTurns(queue, [callback], 0, T0)).toEqual([{ id: 'cb', turn: true, ahead: 0 }]);
  });
});
