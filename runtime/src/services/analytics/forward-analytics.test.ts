import { describe, expect, it } from 'vitest';
import type { CallAnalytics } from '../contracts.js';
import { countingLiveCalls, LiveCalls } from '../../live/live-calls.js';
import { wrapAnalytics } from './forward-analytics.js';

/** Analytics that note which method was called with what. */
function recording(): { analytics: CallAnalytics; calls: Array<[string, unknown[]]> } {
  const calls: Array<[string, unknown[]]> = [];
  const note = (name: string) => (...args: unknown[]) => void calls.push([name, args]);
  return {
    calls,
    analytics: { callStarted: note('callStarted'), stepped: note('stepped'), nodeVisited: note('nodeVisited'), queueWaited: note('queueWaited'), surveyAnswered: note('surveyAnswered'), callEnded: note('callEnded') },
  };
}

function callEveryMethod(analytics: CallAnalytics): void {
  analytics.callStarted({ callId: 'c1', address: '+15550100', environment: 'production', flowName: 'Main', versionId: null, caller: '+4930', at: 1 });
  analytics.stepped?.('c1', null, []);
  analytics.nodeVisited({ callId: 'c1', flowName: 'Main', nodeId: 'menu', nodeType: 'menu', at: 2, arrivedFrom: null });
  analytics.queueWaited({ callId: 'c1', queue: 'support', joinedAt: 3, answeredAt: null, leftAt: 4, agent: null, talkMs: null });
  analytics.surveyAnswered({ callId: 'c1', nodeId: 'survey', question: 1, score: 5, at: 5 });
  analytics.callEnded({ callId: 'c1', outcome: 'selfServed', nodeId: 'menu', at: 5, reason: 'test' });
}

describe('analytics wrappers pass on every method', () => {
  it('wrapAnalytics forwards what it does not override, and calls the override instead of the inner method', () => {
    const inner = recording();
    const seen: string[] = [];
    callEveryMethod(wrapAnalytics(inner.analytics, { callEnded: (end) => void seen.push(end.callId) }));
    expect(inner.calls.map(([name]) => name)).toEqual(['callStarted', 'stepped', 'nodeVisited', 'queueWaited', 'surveyAnswered']);
    expect(seen).toEqual(['c1']);
  });

  it('the live view counter passes on all six, visit details included', () => {
    const inner = recording();
    callEveryMethod(countingLiveCalls(inner.analytics, new LiveCalls()));
    expect(inner.calls.map(([name]) => name)).toEqual(['callStarted', 'stepped', 'nodeVisited', 'queueWaited', 'surveyAnswered', 'callEnded']);
  });
});
