import { describe, expect, it } from 'vitest';
import type { QueueAgentRow, QueueMemberRow } from './callcenter-tables.js';
import { estimateWaitSeconds, ServiceRateTracker } from './wait-estimate.js';

const agent = (overrides: Partial<QueueAgentRow> = {}): QueueAgentRow => ({ name: 'a', status: 'Available', state: 'In a queue call', callsAnswered: 0, talkTime: 0, ...overrides });
const member = (uuid: string, state: QueueMemberRow['state']): QueueMemberRow => ({
  queue: 'q', uuid, sessionUuid: uuid, cidNumber: '', cidName: '', systemEpoch: 0, joinedEpoch: 0, bridgeEpoch: 0, abandonedEpoch: 0, baseScore: 0, skillScore: 0, servingAgent: '', state, score: 0,
});

describe('estimated wait', () => {
  it('is unknown (0) until something was observed, rather than a made-up number', () => {
    expect(estimateWaitSeconds({ position: 5, agents: [agent()], observedServiceRate: null })).toBe(0);
  });

  it('is 0 when an agent is free for the caller', () => {
    expect(estimateWaitSeconds({ position: 1, agents: [agent({ state: 'Waiting' })], observedServiceRate: 0.01 })).toBe(0);
  });

  it('divides the callers ahead by the observed answer rate and rounds up to whole minutes', () => {
    // One caller answered every 45 s; the 4th in line waits for 4 answers = 180 s.
    expect(estimateWaitSeconds({ position: 4, agents: [agent()], observedServiceRate: 1 / 45 })).toBe(180);
    expect(estimateWaitSeconds({ position: 5, agents: [agent()], observedServiceRate: 1 / 45 })).toBe(240);
  });

  it("falls back to the agents' average handle time when no answers were observed yet", () => {
    // 2 staffed agents, 300 s per call on average: one answer per 150 s; 3rd in line ≈ 450 s → 8 minutes.
    const agents = [agent({ callsAnswered: 4, talkTime: 1200 }), agent({ callsAnswered: 4, talkTime: 1200 }), agent({ status: 'On Break', callsAnswered: 0 })];
    expect(estimateWaitSeconds({ position: 3, agents, observedServiceRate: null })).toBe(480);
  });

  it('is capped so a stalled queue does not announce days', () => {
    expect(estimateWaitSeconds({ position: 50, agents: [agent()], observedServiceRate: 1 / 3600 })).toBe(4 * 3600);
  });
});

describe('observed answer rate', () => {
  it('counts members that stop waiting because they were answered or left the table, not those who abandoned', () => {
    const tracker = new ServiceRateTracker(15 * 60_000, 3, 60_000);
    tracker.observe([member('a', 'Waiting'), member('b', 'Waiting'), member('c', 'Waiting'), member('d', 'Waiting')], 0);
    tracker.observe([member('a', 'Answered'), member('c', 'Abandoned'), member('d', 'Trying')], 30_000);
    expect(tracker.ratePerSecond(30_000)).toBeNull();
    tracker.observe([member('d', 'Answered')], 90_000);
    // a, b (gone) and d served over 90 s of observation.
    expect(tracker.ratePerSecond(90_000)).toBeCloseTo(3 / 90);
  });

  it('forgets answers older than the window', () => {
    const tracker = new ServiceRateTracker(60_000, 1, 1);
    tracker.observe([member('a', 'Waiting')], 0);
    tracker.observe([], 1000);
    expect(tracker.ratePerSecond(30_000)).toBeGreaterThan(0);
    expect(tracker.ratePerSecond(120_000)).toBeNull();
  });
});
