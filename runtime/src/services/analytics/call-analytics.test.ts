import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '@switchboard/db/testing';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeLostCalls, createCallAnalytics, type BatchedCallAnalytics } from './call-analytics.js';
import type { CallRecordOutcome } from './outcomes.js';
import { nodeMetrics } from './node-metrics.js';

const T0 = Date.parse('2026-12-23T10:00:00Z');

/**
 * Plays one call's analytics: start, the nodes it went through (seconds after start; each left by outlet `next`
 * "because"), its end.
 */
function playCall(analytics: BatchedCallAnalytics, callId: string, path: Array<[nodeId: string, nodeType: string, atSeconds: number]>, outcome: CallRecordOutcome, endSeconds: number) {
  analytics.callStarted({ callId, address: '+498912345', environment: 'production', flowName: 'main', versionId: null, caller: '+4930111', at: T0 });
  path.forEach(([nodeId, nodeType, at], index) => {
    const previous = path[index - 1];
    const arrivedFrom = previous ? { nodeId: previous[0], outlet: 'next', reason: `left ${previous[0]}` } : null;
    analytics.nodeVisited({ callId, flowName: 'main', nodeId, nodeType, at: T0 + at * 1000, arrivedFrom });
  });
  analytics.callEnded({ callId, outcome, nodeId: path.at(-1)?.[0] ?? null, at: T0 + endSeconds * 1000, reason: 'test' });
}

describe.each(testDatabaseKinds())('call analytics on %s', (kind) => {
  let db: TestDatabase;
  let analytics: BatchedCallAnalytics | undefined;
  // Opening PGlite compiles WebAssembly and migrates: slow on a busy machine.
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  }, 60_000);
  afterAll(() => db?.close());
  beforeEach(async () => {
    await analytics?.close();
    analytics = undefined;
    await db.reset();
  });

  it('writes a call, its node visits in order and its outcome — in batches, not one write per event', async () => {
    let transactions = 0;
    const counting = { sql: { ...db.sql, transaction: <T>(work: Parameters<typeof db.sql.transaction<T>>[0]) => (transactions++, db.sql.transaction(work)) } };
    analytics = createCallAnalytics(counting, { flushSize: 1000, flushIntervalMs: 60_000 });
    for (let i = 0; i < 50; i++) playCall(analytics, `call-${i}`, [['welcome', 'announcement', 0], ['menu', 'menu', 5], ['hours', 'announcement', 12]], 'selfServed', 20);
    expect(await db.prisma.callRecord.count()).toBe(0);
    // Per call: its start, 3 visits, the 2 outlets taken between them, its end.
    expect(analytics.buffered).toBe(350);
    await analytics.flush();
    expect(transactions).toBe(1);
    const call = await db.prisma.callRecord.findUniqueOrThrow({ where: { callId: 'call-7' }, include: { visits: { orderBy: { sequence: 'asc' } } } });
    expect(call).toMatchObject({ outcome: 'selfServed', environment: 'production', flowName: 'main', endedAt: new Date(T0 + 20_000) });
    expect(call.visits.map((v) => [v.sequence, v.nodeId])).toEqual([[0, 'welcome'], [1, 'menu'], [2, 'hours']]);
  });

  it('writes on its own once a batch is full, and what is left on close', async () => {
    // 17 rows: the start, 8 visits, the 7 outlets taken between them and the end.
    analytics = createCallAnalytics(db, { flushSize: 17, flushIntervalMs: 60_000 });
    playCall(analytics, 'a', [['menu', 'menu', 0], ['queue', 'queue', 3], ['q2', 'queue', 4], ['x', 'menu', 5], ['y', 'menu', 6], ['z', 'menu', 7], ['w', 'menu', 8], ['v', 'menu', 9]], 'transferred', 10);
    await expect.poll(() => db.prisma.nodeVisit.count()).toBe(8);
    analytics.callStarted({ callId: 'b', address: 'x', environment: 'staging', flowName: 'main', versionId: null, caller: '1', at: T0 });
    await analytics.close();
    expect(await db.prisma.callRecord.count()).toBe(2);
    analytics = undefined;
  });

  it('never blocks or throws while the database is down, holds a bounded number of rows, and catches up afterwards', async () => {
    let down = true;
    const flaky = { sql: { ...db.sql, transaction: <T>(work: Parameters<typeof db.sql.transaction<T>>[0]) => (down ? Promise.reject(new Error('connection refused')) : db.sql.transaction(work)) } };
    const registry = new Registry();
    analytics = createCallAnalytics(flaky, { flushSize: 5, flushIntervalMs: 60_000, maxBufferedRows: 40, registry });
    for (let i = 0; i < 20; i++) playCall(analytics, `call-${i}`, [['menu', 'menu', 0]], 'callerHungUp', 3);
    await analytics.flush();
    expect(analytics.buffered).toBe(40);
    const dropped = await registry.getSingleMetricAsString('switchboard_analytics_rows_dropped_total');
    expect(dropped).toContain('reason="bufferFull"} 20');
    down = false;
    await analytics.flush();
    await analytics.flush();
    await analytics.close();
    analytics = undefined;
    // 40 rows fit (3 per call): 13 complete calls and the 14th's start; its visit and end were dropped.
    expect(await db.prisma.callRecord.count({ where: { outcome: 'callerHungUp' } })).toBe(13);
    expect(await db.prisma.callRecord.count()).toBe(14);
    const written = await registry.getSingleMetricAsString('switchboard_analytics_rows_written_total');
    expect(written).toContain('table="call_records"} 14');
    expect(written).toContain('table="node_visits"} 13');
  });

  it('does not hold up shutdown when the database never answers', async () => {
    const hung = { sql: { ...db.sql, transaction: () => new Promise<never>(() => undefined) } };
    const registry = new Registry();
    const sink = createCallAnalytics(hung, { flushSize: 2, flushIntervalMs: 60_000, closeTimeoutMs: 50, registry });
    playCall(sink, 'a', [['menu', 'menu', 0]], 'selfServed', 1);
    await sink.close();
    expect(await registry.getSingleMetricAsString('switchboard_analytics_rows_dropped_total')).toContain('reason="closedUnwritten"} 3');
  });

  it('drops rows it cannot store (unknown environment, visit of an unknown call) without losing the batch', async () => {
    const registry = new Registry();
    analytics = createCallAnalytics(db, { flushIntervalMs: 60_000, registry });
    analytics.callStarted({ callId: 'bad', address: 'x', environment: 'qa', flowName: 'main', versionId: 'not-a-uuid', caller: '1', at: T0 });
    analytics.nodeVisited({ callId: 'nobody', flowName: 'main', nodeId: 'menu', nodeType: 'menu', at: T0, arrivedFrom: null });
    playCall(analytics, 'good', [['menu', 'menu', 0]], 'selfServed', 1);
    playCall(analytics, 'odd', [['me\u0000nu', 'menu', 0]], 'selfServed', 1);
    await analytics.flush();
    expect((await db.prisma.callRecord.findMany({ orderBy: { callId: 'asc' } })).map((c) => c.callId)).toEqual(['good', 'odd']);
    expect(await db.prisma.nodeVisit.count({ where: { nodeId: 'menu' } })).toBe(2);
    const dropped = await registry.getSingleMetricAsString('switchboard_analytics_rows_dropped_total');
    expect(dropped).toContain('reason="badEnvironment"} 1');
    expect(dropped).toContain('reason="unknownCall"} 1');
  });

  it('answers per-node volume, where callers hung up, queue abandonment and wait, and self-service containment', async () => {
    analytics = createCallAnalytics(db, { flushIntervalMs: 60_000 });
    playCall(analytics, 'info', [['menu', 'menu', 0], ['hours', 'announcement', 10]], 'selfServed', 25);
    playCall(analytics, 'answered', [['menu', 'menu', 0], ['queue', 'queue', 10]], 'answeredFromQueue', 400);
    playCall(analytics, 'abandoned', [['menu', 'menu', 0], ['queue', 'queue', 10]], 'abandonedInQueue', 70);
    playCall(analytics, 'callback', [['menu', 'menu', 0], ['queue', 'queue', 10], ['offer', 'callback', 130]], 'callbackScheduled', 150);
    playCall(analytics, 'gave-up', [['menu', 'menu', 0], ['menu', 'menu', 8]], 'callerHungUp', 12);
    await analytics.flush();
    const metrics = await nodeMetrics(db, { flowName: 'main', from: new Date(T0 - 1000), to: new Date(T0 + 1000) });
    const byNode = Object.fromEntries(metrics.map((m) => [m.nodeId, m]));
    expect(byNode.menu).toMatchObject({ visits: 6, calls: 5, endedHere: { callerHungUp: 1 }, containment: 0.2, abandonment: null });
    expect(byNode.queue).toMatchObject({ visits: 3, calls: 3, endedHere: { answeredFromQueue: 1, abandonedInQueue: 1 } });
    expect(byNode.queue?.abandonment).toBeCloseTo(1 / 3);
    // Unanswered waits: 60 s (abandoned) and 120 s (until the callback offer); the answered call is left out.
    expect(byNode.queue?.averageWaitSecondsUnanswered).toBeCloseTo(90);
    expect(byNode.hours).toMatchObject({ calls: 1, containment: 1, endedHere: { selfServed: 1 }, averageSecondsInNode: 15 });
    expect(await nodeMetrics(db, { flowName: 'main', from: new Date(T0 + 1000), to: new Date(T0 + 2000) })).toEqual([]);
  });
  it('stores on each visit the outlet it was left by and why, also when the visit was written in an earlier batch', async () => {
    analytics = createCallAnalytics(db, { flushIntervalMs: 60_000 });
    analytics.callStarted({ callId: 'c', address: '+4989', environment: 'production', flowName: 'main', versionId: null, caller: '+4930', at: T0 });
    analytics.nodeVisited({ callId: 'c', flowName: 'main', nodeId: 'start', nodeType: 'start', at: T0, arrivedFrom: null });
    analytics.nodeVisited({ callId: 'c', flowName: 'main', nodeId: 'menu', nodeType: 'menu', at: T0, arrivedFrom: { nodeId: 'start', outlet: 'next', reason: 'took next' } });
    await analytics.flush();
    // The menu visit is already in the database when the caller's third wrong key sends the call on.
    analytics.nodeVisited({ callId: 'c', flowName: 'main', nodeId: 'sorry', nodeType: 'hangup', at: T0 + 9000, arrivedFrom: { nodeId: 'menu', outlet: 'invalid', reason: 'invalid input after 3 tries' } });
    analytics.callEnded({ callId: 'c', outcome: 'unresolvedInIvr', nodeId: 'sorry', at: T0 + 10_000, reason: 'flow ended the call' });
    await analytics.flush();
    const call = await db.prisma.callRecord.findUniqueOrThrow({ where: { callId: 'c' }, include: { visits: { orderBy: { sequence: 'asc' } } } });
    expect(call.visits.map((v) => [v.nodeId, v.outlet, v.outletReason])).toEqual([
      ['start', 'next', 'took next'],
      ['menu', 'invalid', 'invalid input after 3 tries'],
      ['sorry', null, null],
    ]);
    expect(call).toMatchObject({ outcome: 'unresolvedInIvr', endReason: 'flow ended the call', runtimeInstance: null });
  });

  it('stores the outlet that led nowhere on the last visit, with the end', async () => {
    analytics = createCallAnalytics(db, { flushIntervalMs: 60_000 });
    playCall(analytics, 'dead-end', [['hello', 'announcement', 0]], 'error', 3);
    analytics.callStarted({ callId: 'x', address: '+4989', environment: 'production', flowName: 'main', versionId: null, caller: '+4930', at: T0 });
    analytics.nodeVisited({ callId: 'x', flowName: 'main', nodeId: 'hello', nodeType: 'announcement', at: T0, arrivedFrom: null });
    analytics.callEnded({ callId: 'x', outcome: 'error', nodeId: 'hello', at: T0 + 1, reason: 'outlet "next" of node hello is not connected', lastExit: { nodeId: 'hello', outlet: 'next', reason: 'prompt finished' } });
    await analytics.flush();
    const call = await db.prisma.callRecord.findUniqueOrThrow({ where: { callId: 'x' }, include: { visits: true } });
    expect(call.visits.map((v) => [v.outlet, v.outletReason])).toEqual([['next', 'prompt finished']]);
    expect(call.endReason).toBe('outlet "next" of node hello is not connected');
  });

  it('closes at start-up only the calls this runtime instance left open, as runtimeLost at the restart time', async () => {
    const mine = createCallAnalytics(db, { flushIntervalMs: 60_000, runtimeInstance: 'host-a:9090' });
    const theirs = createCallAnalytics(db, { flushIntervalMs: 60_000, runtimeInstance: 'host-b:9090' });
    const begin = (sink: BatchedCallAnalytics, callId: string) => sink.callStarted({ callId, address: '+4989', environment: 'production', flowName: 'main', versionId: null, caller: '+4930', at: T0 });
    begin(mine, 'mine-open');
    begin(mine, 'mine-ended');
    mine.callEnded({ callId: 'mine-ended', outcome: 'selfServed', nodeId: null, at: T0 + 5000, reason: 'flow ended the call' });
    begin(theirs, 'theirs-open');
    await Promise.all([mine.close(), theirs.close()]);
    const restart = T0 + 60_000;
    const lost = await closeLostCalls(db, 'host-a:9090', restart);
    expect(lost.callIds).toEqual(['mine-open']);
    const rows = await db.prisma.callRecord.findMany({ orderBy: { callId: 'asc' } });
    expect(rows.map((r) => [r.callId, r.outcome, r.endedAt?.getTime() ?? null, r.runtimeInstance])).toEqual([
      ['mine-ended', 'selfServed', T0 + 5000, 'host-a:9090'],
      ['mine-open', 'runtimeLost', restart, 'host-a:9090'],
      ['theirs-open', null, null, 'host-b:9090'],
    ]);
    expect(rows[1]?.endReason).toMatch(/host-a:9090 started again/);
    // Nothing left to close the second time; a late end for a closed call does not overwrite it.
    expect((await closeLostCalls(db, 'host-a:9090', restart + 1000)).callIds).toEqual([]);
    analytics = createCallAnalytics(db, { flushIntervalMs: 60_000, runtimeInstance: 'host-a:9090' });
    analytics.callEnded({ callId: 'mine-open', outcome: 'selfServed', nodeId: null, at: restart + 2000, reason: 'late' });
    await analytics.flush();
    expect(await db.prisma.callRecord.findUniqueOrThrow({ where: { callId: 'mine-open' } })).toMatchObject({ outcome: 'runtimeLost' });
  });
  // Database round trips are slow on a loaded machine; each test still bounds itself.
}, 30_000);
