import { ANSWER_WAIT_BUCKETS_SECONDS } from '@switchboard/db';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '@switchboard/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { QueueWaitRecord } from '../contracts.js';
import { closeLostCalls, createCallAnalytics, type BatchedCallAnalytics } from './call-analytics.js';
import type { CallRecordOutcome } from './outcomes.js';

const T0 = Date.parse('2026-12-23T10:00:00Z');
const VERSION = '11111111-2222-4333-8444-555555555555';

interface Call {
  id: string;
  caller?: string;
  startMinutes?: number;
  /** Nodes in order with the outlet each was left by (the last: none). */
  path: Array<[nodeId: string, nodeType: string, outlet?: string]>;
  outcome: CallRecordOutcome;
  durationSeconds: number;
  queue?: Omit<QueueWaitRecord, 'callId' | 'joinedAt' | 'answeredAt' | 'leftAt'> & { waitSeconds: number; answered: boolean };
  subflowNodes?: string[];
}

function play(analytics: BatchedCallAnalytics, call: Call, opts: { end?: boolean } = {}): void {
  const at = T0 + (call.startMinutes ?? 0) * 60_000;
  analytics.callStarted({ callId: call.id, address: '+15550100', environment: 'production', flowName: 'main', versionId: VERSION, caller: call.caller ?? '+4930111', at });
  call.path.forEach(([nodeId, nodeType], index) => {
    const previous = call.path[index - 1];
    const arrivedFrom = previous ? { nodeId: previous[0], outlet: previous[2] ?? 'next', reason: 'test' } : null;
    const flowName = call.subflowNodes?.includes(nodeId) ? 'identify' : 'main';
    analytics.nodeVisited({ callId: call.id, flowName, nodeId, nodeType, at: at + index * 1000, arrivedFrom });
  });
  if (call.queue) {
    const joinedAt = at + 5000;
    const leftAt = joinedAt + call.queue.waitSeconds * 1000;
    analytics.queueWaited({ callId: call.id, queue: call.queue.queue, agent: call.queue.agent, talkMs: call.queue.talkMs, joinedAt, answeredAt: call.queue.answered ? leftAt : null, leftAt });
  }
  if (opts.end !== false) analytics.callEnded({ callId: call.id, outcome: call.outcome, nodeId: call.path.at(-1)?.[0] ?? null, at: at + call.durationSeconds * 1000, reason: 'test' });
}

interface CallRollup {
  outcome: string;
  queue: string;
  calls: number;
  queued: number;
  answered: number;
  answer_wait_ms_sum: string;
  answer_wait_buckets: number[];
  unanswered_wait_ms_sum: string;
  talk_count: number;
  talk_ms_sum: string;
  duration_ms_sum: string;
  repeat_24h: number;
  repeat_7d: number;
  hour: Date;
}

/** Bucket counts with `count` answered waits of `seconds` each. */
function buckets(...waits: number[]): number[] {
  const counts: number[] = new Array<number>(ANSWER_WAIT_BUCKETS_SECONDS.length + 1).fill(0);
  for (const seconds of waits) {
    const index = ANSWER_WAIT_BUCKETS_SECONDS.findIndex((bound) => seconds <= bound);
    counts[index === -1 ? ANSWER_WAIT_BUCKETS_SECONDS.length : index]! += 1;
  }
  return counts;
}

describe.each(testDatabaseKinds())('hourly rollups kept as calls end, on %s', (kind) => {
  let db: TestDatabase;
  let analytics: BatchedCallAnalytics | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.close());
  beforeEach(async () => {
    await analytics?.close();
    analytics = undefined;
    await db.reset();
  });

  const callRollups = () => db.sql.query<CallRollup>(`SELECT * FROM call_rollups_hourly ORDER BY outcome, queue`);
  const nodeRollups = () =>
    db.sql.query<{ flow_name: string; node_id: string; outlet: string; visits: number; hung_up: number; version_id: string }>(
      `SELECT flow_name, node_id, outlet, visits, hung_up, version_id FROM node_rollups_hourly ORDER BY flow_name, node_id, outlet`,
    );

  it('stores the queue wait, answer time, agent and talk time on the call record', async () => {
    analytics = createCallAnalytics(db, { flushIntervalMs: 60_000 });
    play(analytics, { id: 'a', path: [['q', 'queue', 'answered'], ['bye', 'hangup']], outcome: 'answeredFromQueue', durationSeconds: 200, queue: { queue: 'support', agent: 'alice', talkMs: 90_000, waitSeconds: 42, answered: true } });
    play(analytics, { id: 'b', path: [['q', 'queue']], outcome: 'abandonedInQueue', durationSeconds: 70, queue: { queue: 'support', agent: null, talkMs: null, waitSeconds: 61, answered: false } });
    await analytics.flush();
    const a = await db.prisma.callRecord.findUniqueOrThrow({ where: { callId: 'a' } });
    expect(a).toMatchObject({ queueName: 'support', queueWaitMs: 42_000, agent: 'alice', talkMs: 90_000, answeredAt: new Date(T0 + 47_000), queueJoinedAt: new Date(T0 + 5000) });
    const b = await db.prisma.callRecord.findUniqueOrThrow({ where: { callId: 'b' } });
    expect(b).toMatchObject({ queueName: 'support', queueWaitMs: 61_000, answeredAt: null, talkMs: null, agent: null });
  });

  it('adds each ended call once: counts per outcome, speed-of-answer buckets, talk, duration, repeats', async () => {
    analytics = createCallAnalytics(db, { flushSize: 3, flushIntervalMs: 60_000 });
    const answered = (id: string, waitSeconds: number, talkSeconds: number, caller: string, startMinutes: number): Call => ({
      id,
      caller,
      startMinutes,
      path: [['menu', 'menu', '2'], ['q', 'queue', 'answered'], ['bye', 'hangup']],
      outcome: 'answeredFromQueue',
      durationSeconds: 30 + waitSeconds + talkSeconds,
      queue: { queue: 'support', agent: 'alice', talkMs: talkSeconds * 1000, waitSeconds, answered: true },
    });
    play(analytics, answered('a1', 4, 100, '+491', 0));
    play(analytics, answered('a2', 20, 200, '+492', 10));
    play(analytics, answered('a3', 21, 300, '+491', 20)); // +491 called 20 minutes ago: a repeat within 24 h and 7 days
    play(analytics, { id: 'h1', caller: '+493', startMinutes: 30, path: [['menu', 'menu']], outcome: 'callerHungUp', durationSeconds: 8 });
    play(analytics, { id: 'h2', caller: 'anonymous', startMinutes: 31, path: [['menu', 'menu']], outcome: 'callerHungUp', durationSeconds: 12 });
    play(analytics, { id: 'h3', caller: 'anonymous', startMinutes: 32, path: [['menu', 'menu', 'invalid'], ['sorry', 'hangup']], outcome: 'unresolvedInIvr', durationSeconds: 20 });
    await analytics.flush();
    await analytics.flush();

    const rows = await callRollups();
    expect(rows.map((r) => [r.outcome, r.queue, r.calls])).toEqual([
      ['answeredFromQueue', 'support', 3],
      ['callerHungUp', '', 2],
      ['unresolvedInIvr', '', 1],
    ]);
    const [queue, hungUp] = rows;
    expect(queue).toMatchObject({ queued: 3, answered: 3, talk_count: 3, repeat_24h: 1, repeat_7d: 1, answer_wait_buckets: buckets(4, 20, 21) });
    expect(Number(queue?.answer_wait_ms_sum)).toBe(45_000);
    expect(Number(queue?.talk_ms_sum)).toBe(600_000);
    expect(Number(queue?.duration_ms_sum)).toBe((30 + 4 + 100 + 30 + 20 + 200 + 30 + 21 + 300) * 1000);
    expect(queue?.hour.toISOString()).toBe('2026-12-23T10:00:00.000Z');
    // Anonymous callers are never repeats, however often they call.
    expect(hungUp).toMatchObject({ queued: 0, answered: 0, repeat_24h: 0, duration_ms_sum: expect.anything() });
    expect(Number(hungUp?.duration_ms_sum)).toBe(20_000);

    // Flushing again adds nothing; a second end of the same call (already closed) is not counted again.
    analytics.callEnded({ callId: 'a1', outcome: 'selfServed', nodeId: null, at: T0 + 999_000, reason: 'late duplicate' });
    await analytics.flush();
    expect((await callRollups()).reduce((sum, row) => sum + row.calls, 0)).toBe(6);
  });

  it('split rollups: the same measures per branch of each split node, a call counted once per branch it took', async () => {
    analytics = createCallAnalytics(db, { flushIntervalMs: 60_000 });
    const viaBranch = (id: string, branch: string, outcome: CallRecordOutcome, durationSeconds: number, loops = 1): Call => ({
      id,
      path: [...Array.from({ length: loops }, (): [string, string, string] => ['ab', 'split', branch]), [`menu_${branch}`, 'menu', '1'], ['bye', 'hangup']],
      outcome,
      durationSeconds,
    });
    play(analytics, viaBranch('s1', 'a', 'selfServed', 30));
    play(analytics, viaBranch('s2', 'a', 'callerHungUp', 10, 2)); // passed the split twice: still one call of branch a
    play(analytics, viaBranch('s3', 'b', 'selfServed', 40));
    play(analytics, { id: 'q1', path: [['ab', 'split', 'b'], ['q', 'queue', 'answered'], ['bye', 'hangup']], outcome: 'answeredFromQueue', durationSeconds: 200, queue: { queue: 'support', agent: 'alice', talkMs: 90_000, waitSeconds: 12, answered: true } });
    play(analytics, { id: 'n1', path: [['menu', 'menu', '1'], ['bye', 'hangup']], outcome: 'selfServed', durationSeconds: 5 }); // no split
    await analytics.flush();

    const rows = await db.sql.query<{ node_id: string; branch: string; outcome: string; queue: string; calls: number; answered: number; duration_ms_sum: string; answer_wait_buckets: number[] }>(
      `SELECT node_id, branch, outcome, queue, calls, answered, duration_ms_sum, answer_wait_buckets FROM split_rollups_hourly ORDER BY branch, outcome`,
    );
    expect(rows.map((r) => [r.node_id, r.branch, r.outcome, r.queue, r.calls])).toEqual([
      ['ab', 'a', 'callerHungUp', '', 1],
      ['ab', 'a', 'selfServed', '', 1],
      ['ab', 'b', 'answeredFromQueue', 'support', 1],
      ['ab', 'b', 'selfServed', '', 1],
    ]);
    expect(rows[2]).toMatchObject({ answered: 1, answer_wait_buckets: buckets(12) });
    expect(Number(rows[2]?.duration_ms_sum)).toBe(200_000);
    // The call rollups hold all five calls; the split rows only the four that went through it.
    expect((await callRollups()).reduce((sum, row) => sum + row.calls, 0)).toBe(5);
  });

  it('a callback placed after its call ended is counted then, in the call rollup and in the split branch the call took', async () => {
    analytics = createCallAnalytics(db, { flushIntervalMs: 60_000 });
    play(analytics, { id: 'cb1', path: [['ab', 'split', 'b'], ['q', 'queue', 'callbackRequested'], ['bye', 'hangup']], outcome: 'callbackScheduled', durationSeconds: 60 });
    const callback = await db.prisma.callback.create({
      data: { number: '+447700900123', queue: 'support', switchGroup: 'default', originalWaitSeconds: 30, nextAttemptAt: new Date(T0), requestedAt: new Date(T0), callId: 'cb1' },
    });
    await analytics.flush();
    const counts = async () => ({
      call: (await db.sql.query<{ requested: number; completed: number }>(`SELECT callbacks_requested AS requested, callbacks_completed AS completed FROM call_rollups_hourly`))[0],
      split: (await db.sql.query<{ requested: number; completed: number; branch: string }>(`SELECT callbacks_requested AS requested, callbacks_completed AS completed, branch FROM split_rollups_hourly`))[0],
    });
    expect(await counts()).toEqual({ call: { requested: 1, completed: 0 }, split: { requested: 1, completed: 0, branch: 'b' } });
    await db.prisma.callback.update({ where: { id: callback.id }, data: { status: 'completed' } });
    expect(await counts()).toEqual({ call: { requested: 1, completed: 1 }, split: { requested: 1, completed: 1, branch: 'b' } });
  });

  it('node rollups: entered, left by each outlet, hung up there; sub-flow nodes under their own flow', async () => {
    analytics = createCallAnalytics(db, { flushIntervalMs: 60_000 });
    play(analytics, { id: 'c1', path: [['menu', 'menu', '1'], ['thanks', 'announcement', 'next'], ['bye', 'hangup']], outcome: 'selfServed', durationSeconds: 20 });
    play(analytics, { id: 'c2', path: [['menu', 'menu', '2'], ['pin', 'collectDigits']], subflowNodes: ['pin'], outcome: 'callerHungUp', durationSeconds: 9 });
    play(analytics, { id: 'c3', path: [['menu', 'menu']], outcome: 'callerHungUp', durationSeconds: 4 });
    play(analytics, { id: 'c4', path: [['menu', 'menu', '1'], ['thanks', 'announcement']], outcome: 'callerHungUp', durationSeconds: 6 });
    await analytics.flush();
    expect(await nodeRollups()).toEqual([
      { flow_name: 'identify', node_id: 'pin', outlet: '', visits: 1, hung_up: 1, version_id: VERSION },
      { flow_name: 'main', node_id: 'bye', outlet: '', visits: 1, hung_up: 0, version_id: VERSION },
      { flow_name: 'main', node_id: 'menu', outlet: '', visits: 1, hung_up: 1, version_id: VERSION },
      { flow_name: 'main', node_id: 'menu', outlet: '1', visits: 2, hung_up: 0, version_id: VERSION },
      { flow_name: 'main', node_id: 'menu', outlet: '2', visits: 1, hung_up: 0, version_id: VERSION },
      { flow_name: 'main', node_id: 'thanks', outlet: '', visits: 1, hung_up: 1, version_id: VERSION },
      { flow_name: 'main', node_id: 'thanks', outlet: 'next', visits: 1, hung_up: 0, version_id: VERSION },
    ]);
  });

  it('calls closed as runtimeLost at a restart are rolled up once, and their late end is not', async () => {
    analytics = createCallAnalytics(db, { flushIntervalMs: 60_000, runtimeInstance: 'rt-1' });
    play(analytics, { id: 'lost', path: [['menu', 'menu']], outcome: 'selfServed', durationSeconds: 10 }, { end: false });
    await analytics.flush();
    expect(await callRollups()).toEqual([]);
    await closeLostCalls(db, 'rt-1', T0 + 60_000);
    expect((await callRollups()).map((row) => [row.outcome, row.calls])).toEqual([['runtimeLost', 1]]);
    analytics.callEnded({ callId: 'lost', outcome: 'selfServed', nodeId: 'menu', at: T0 + 70_000, reason: 'late' });
    await analytics.flush();
    expect((await callRollups()).map((row) => [row.outcome, row.calls])).toEqual([['runtimeLost', 1]]);
    expect((await nodeRollups()).map((row) => [row.node_id, row.visits])).toEqual([['menu', 1]]);
  });
});
