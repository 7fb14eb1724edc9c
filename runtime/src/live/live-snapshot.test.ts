import { describe, expect, it } from 'vitest';
import type { QueueAgentRow, QueueMemberRow } from '../services/queues/callcenter-tables.js';
import { LiveCalls } from './live-calls.js';
import { LIVE_SNAPSHOT_VERSION, mergeLiveSnapshots, queueReading, type LiveSnapshot, type StoredLiveSnapshot } from './live-snapshot.js';

const NOW_EPOCH = Date.parse('2026-12-05T10:00:00Z') / 1000;

/** A member as the switch lists it: score = (its now − joined) + base score + skill score. */
function member(state: QueueMemberRow['state'], waitedSeconds: number, baseScore = 0): QueueMemberRow {
  const joined = NOW_EPOCH - waitedSeconds;
  return { queue: 'support@default', uuid: `m-${waitedSeconds}`, sessionUuid: `c-${waitedSeconds}`, cidNumber: '', cidName: '', systemEpoch: joined, joinedEpoch: joined, bridgeEpoch: 0, abandonedEpoch: 0, baseScore, skillScore: 0, servingAgent: '', state, score: waitedSeconds + baseScore };
}

function agent(name: string, status: QueueAgentRow['status'], state: string): QueueAgentRow {
  return { name, status, state, callsAnswered: 0, talkTime: 0 };
}

function snapshot(instance: string, overrides: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return { version: LIVE_SNAPSHOT_VERSION, instance, environment: 'production', switchId: 'fs1', activeCalls: 0, flows: [], nodes: [], queues: [], queueError: null, ...overrides };
}

const OPTIONS = { environment: 'production' };

describe('a queue reading', () => {
  it('counts waiting and offered callers (not abandoned or answered ones), the longest wait, and free and logged-in agents', () => {
    // The callback re-entered with its caller's earlier 600 s as base score: it has waited 40 s now, not 640.
    const members = [member('Waiting', 12), member('Trying', 95), member('Waiting', 40, 600), member('Abandoned', 400), member('Answered', 300)];
    const agents = [agent('ada', 'Available', 'Waiting'), agent('bob', 'Available', 'In a queue call'), agent('cy', 'On Break', 'Waiting'), agent('di', 'Logged Out', 'Waiting')];
    expect(queueReading('support@default', members, agents)).toEqual({ queue: 'support@default', callersWaiting: 3, longestWaitSeconds: 95, agentsAvailable: 1, agentsLoggedIn: 3 });
  });

  it('is all zeros for an empty queue', () => {
    expect(queueReading('q', [], [])).toEqual({ queue: 'q', callersWaiting: 0, longestWaitSeconds: 0, agentsAvailable: 0, agentsLoggedIn: 0 });
  });
});

describe('calls in progress by number, flow and node', () => {
  it('follows each call to the node it entered last and forgets it when it ends', () => {
    const live = new LiveCalls();
    live.started({ callId: 'a', environment: 'production', address: '+15550100', flowName: 'Main' });
    live.started({ callId: 'b', environment: 'production', address: '+15550100', flowName: 'Main' });
    live.started({ callId: 'c', environment: 'production', address: '+15550199', flowName: null });
    live.visited({ callId: 'a', flowName: 'Main', nodeId: 'menu', nodeType: 'menu' });
    live.visited({ callId: 'b', flowName: 'Main', nodeId: 'menu', nodeType: 'menu' });
    live.visited({ callId: 'b', flowName: 'Main', nodeId: 'queue', nodeType: 'queue' });
    live.visited({ callId: 'gone', flowName: 'Main', nodeId: 'menu', nodeType: 'menu' });
    expect(live.counts()).toEqual({
      flows: [
        { environment: 'production', address: '+15550100', flowName: 'Main', calls: 2 },
        { environment: 'production', address: '+15550199', flowName: null, calls: 1 },
      ],
      nodes: [
        { environment: 'production', flowName: 'Main', nodeId: 'menu', nodeType: 'menu', calls: 1 },
        { environment: 'production', flowName: 'Main', nodeId: 'queue', nodeType: 'queue', calls: 1 },
      ],
    });
    live.ended('a');
    live.ended('b');
    live.ended('c');
    expect(live.counts()).toEqual({ flows: [], nodes: [] });
    expect(live.size).toBe(0);
  });
});

describe('merging the runtimes’ snapshots', () => {
  it('adds up two runtimes’ calls into one view and counts a shared switch’s queue once (the fresher reading)', () => {
    const a = snapshot('rt-a', {
      activeCalls: 3,
      flows: [{ environment: 'production', address: '+15550100', flowName: 'Main', calls: 3 }],
      nodes: [{ environment: 'production', flowName: 'Main', nodeId: 'queue', nodeType: 'queue', calls: 2 }],
      queues: [{ queue: 'support@default', callersWaiting: 2, longestWaitSeconds: 40, agentsAvailable: 0, agentsLoggedIn: 2 }],
    });
    const b = snapshot('rt-b', {
      activeCalls: 1,
      flows: [{ environment: 'production', address: '+15550100', flowName: 'Main', calls: 1 }],
      nodes: [{ environment: 'production', flowName: 'Main', nodeId: 'queue', nodeType: 'queue', calls: 1 }],
      // The same switch read a moment earlier: one caller fewer.
      queues: [{ queue: 'support@default', callersWaiting: 1, longestWaitSeconds: 38, agentsAvailable: 1, agentsLoggedIn: 2 }],
    });
    const view = mergeLiveSnapshots(
      [
        { instance: 'rt-b', ageMs: 900, expired: false, snapshot: b },
        { instance: 'rt-a', ageMs: 200, expired: false, snapshot: a },
      ],
      [{ queue: 'support@default', pending: 2 }],
      OPTIONS,
    );
    expect(view.flows).toEqual([{ environment: 'production', address: '+15550100', flowName: 'Main', calls: 4 }]);
    expect(view.nodes).toEqual([{ environment: 'production', flowName: 'Main', nodeId: 'queue', nodeType: 'queue', calls: 3 }]);
    expect(view.queues).toEqual([{ queue: 'support@default', callersWaiting: 2, longestWaitSeconds: 40, agentsAvailable: 0, agentsLoggedIn: 2, callbacksPending: 2 }]);
    expect(view.totals).toEqual({ callsInFlows: 4, callersWaiting: 2, longestWaitSeconds: 40, callbacksPending: 2 });
    expect(view.runtimes.map((r) => [r.instance, r.activeCalls])).toEqual([
      ['rt-a', 3],
      ['rt-b', 1],
    ]);
  });

  it('adds up the same queue on two different switches; the longest wait is the longer one, grown by the reading’s age', () => {
    const queue = (callersWaiting: number, longestWaitSeconds: number, agentsAvailable: number) => [{ queue: 'sales@default', callersWaiting, longestWaitSeconds, agentsAvailable, agentsLoggedIn: agentsAvailable }];
    const view = mergeLiveSnapshots(
      [
        { instance: 'rt-a', ageMs: 100, expired: false, snapshot: snapshot('rt-a', { switchId: 'fs1', queues: queue(1, 10, 1) }) },
        { instance: 'rt-b', ageMs: 2400, expired: false, snapshot: snapshot('rt-b', { switchId: 'fs2', queues: queue(3, 60, 2) }) },
      ],
      [],
      OPTIONS,
    );
    expect(view.queues).toEqual([{ queue: 'sales@default', callersWaiting: 4, longestWaitSeconds: 62, agentsAvailable: 3, agentsLoggedIn: 3, callbacksPending: 0 }]);
  });

  it('drops a runtime whose snapshot is stale (it died) and one of another shape, and keeps to the environment asked for', () => {
    const calls = (n: number) => [{ environment: 'production', address: '+15550100', flowName: 'Main', calls: n }];
    const stored: StoredLiveSnapshot[] = [
      { instance: 'alive', ageMs: 800, expired: false, snapshot: snapshot('alive', { flows: calls(1) }) },
      { instance: 'dead', ageMs: 5001, expired: true, snapshot: snapshot('dead', { flows: calls(7), queues: [{ queue: 'q', callersWaiting: 9, longestWaitSeconds: 900, agentsAvailable: 0, agentsLoggedIn: 0 }] }) },
      { instance: 'future', ageMs: 100, expired: false, snapshot: { ...snapshot('future'), version: 2 } },
      { instance: 'staging', ageMs: 100, expired: false, snapshot: snapshot('staging', { environment: 'staging', flows: [{ environment: 'staging', address: '+15550100', flowName: 'Main', calls: 5 }] }) },
    ];
    const view = mergeLiveSnapshots(stored, [], OPTIONS);
    expect(view.totals.callsInFlows).toBe(1);
    expect(view.queues).toEqual([]);
    expect(view.runtimes.map((r) => r.instance)).toEqual(['alive']);
    expect(view.skipped).toEqual({ stale: 1, unreadable: 1 });
    expect(mergeLiveSnapshots(stored, [], { ...OPTIONS, environment: 'staging' }).totals.callsInFlows).toBe(5);
  });

  it('shows a queue that only has callbacks waiting, and does not let a waiting-free queue keep an old longest wait', () => {
    const view = mergeLiveSnapshots(
      [{ instance: 'rt', ageMs: 3000, expired: false, snapshot: snapshot('rt', { queues: [{ queue: 'a', callersWaiting: 0, longestWaitSeconds: 0, agentsAvailable: 2, agentsLoggedIn: 2 }] }) }],
      [{ queue: 'b', pending: 3 }],
      OPTIONS,
    );
    expect(view.queues.map((q) => [q.queue, q.longestWaitSeconds, q.callbacksPending])).toEqual([
      ['a', 0, 0],
      ['b', 0, 3],
    ]);
  });
});
