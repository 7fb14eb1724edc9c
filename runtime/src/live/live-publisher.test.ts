import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '@switchboard/db/testing';
import { startEmulator, type Emulator } from '@switchboard/esl-emulator';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { startRuntime, type RuntimeHandle } from '../main.js';
import { FakeCallbackService, FakeDeploymentFeed, FakeVersionSource, RecordingAnalytics } from '../testing/fakes.js';
import { compiledFlow, liveVersion } from '../testing/flows.js';
import { readLiveSnapshots } from './live-store.js';
import { asLiveSnapshot, mergeLiveSnapshots, type LiveSnapshot } from './live-snapshot.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let runtime: RuntimeHandle | undefined;
let emulator: Emulator | undefined;
let db: TestDatabase | undefined;
afterEach(async () => {
  await emulator?.close();
  await runtime?.close();
  await db?.close();
  runtime = emulator = db = undefined;
});

/** Start → the sales queue (whose only agent takes a minute to answer) → goodbye. */
const salesFlow = compiledFlow(
  'Sales',
  [
    { id: 'start', type: 'start' },
    { id: 'salesQueue', type: 'queue', data: { queue: 'sales@default' } },
    { id: 'bye', type: 'hangup' },
  ],
  ['start:next->salesQueue', 'salesQueue:answered->bye', 'salesQueue:overflow->bye', 'salesQueue:noAgents->bye', 'salesQueue:callerHungUp->bye'],
);

/** A flow published for a queue the switch has not been given yet. */
const ghostFlow = compiledFlow(
  'Ghost',
  [
    { id: 'start', type: 'start' },
    { id: 'ghostQueue', type: 'queue', data: { queue: 'ghost@default' } },
    { id: 'bye', type: 'hangup' },
  ],
  ['start:next->ghostQueue', 'ghostQueue:answered->bye', 'ghostQueue:overflow->bye', 'ghostQueue:noAgents->bye', 'ghostQueue:callerHungUp->bye'],
);

async function storedSnapshot(database: TestDatabase, instance: string): Promise<LiveSnapshot | null> {
  const row = await database.prisma.runtimeLiveSnapshot.findUnique({ where: { instance } });
  return row ? asLiveSnapshot(row.snapshot) : null;
}

describe.each(testDatabaseKinds())('the live view snapshot of a running runtime (%s)', (kind) => {
  it('shows a caller waiting in a queue with their wait and the node they are at, then nothing once they hang up; a stopped runtime leaves the view', async () => {
    const target = { host: '127.0.0.1', port: 0 };
    emulator = await startEmulator({ outbound: target, hostname: 'fs-london-1', queues: { 'sales@default': { agents: [{ name: 'ada', answerAfterSeconds: 60 }, { name: 'bo', answerAfterSeconds: 60, status: 'On Break' }] } } });
    db = await openTestDatabase(kind);
    const config = loadConfig({ ESL_HOST: '127.0.0.1', ESL_PORT: String(emulator.inboundPort), RUNTIME_LISTEN_PORT: '0', RUNTIME_HTTP_PORT: '0', RUNTIME_INSTANCE: 'rt-live-1' });
    runtime = await startRuntime({
      config,
      database: db,
      deployments: new FakeDeploymentFeed(),
      services: { versions: new FakeVersionSource([liveVersion('+15550100', salesFlow), liveVersion('+15550199', ghostFlow)]), callbacks: new FakeCallbackService(), analytics: new RecordingAnalytics() },
      callbackDialer: false,
      logger: pino({ level: 'silent' }),
    });
    target.port = runtime.outboundPort;
    const database = db;

    const placedAt = Date.now();
    const call = emulator.placeCall({ destination: '+15550100', callerIdNumber: '+447700900123' });
    let seenAfterMs = 0;
    await vi.waitFor(
      async () => {
        const snapshot = await storedSnapshot(database, 'rt-live-1');
        expect(snapshot?.queues).toEqual([{ queue: 'sales@default', callersWaiting: 1, longestWaitSeconds: expect.any(Number), agentsAvailable: 1, agentsLoggedIn: 2 }]);
        seenAfterMs ||= Date.now() - placedAt;
      },
      { timeout: 10_000, interval: 50 },
    );
    // The wait grows while the caller stays in the queue.
    await vi.waitFor(async () => expect((await storedSnapshot(database, 'rt-live-1'))?.queues[0]?.longestWaitSeconds).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 100 });
    const snapshot = (await storedSnapshot(database, 'rt-live-1'))!;
    expect(snapshot).toMatchObject({
      instance: 'rt-live-1',
      environment: 'production',
      switchId: 'fs-london-1',
      activeCalls: 1,
      flows: [{ environment: 'production', address: '+15550100', flowName: 'Sales', calls: 1 }],
      nodes: [{ environment: 'production', flowName: 'Sales', nodeId: 'salesQueue', nodeType: 'queue', calls: 1 }],
    });
    // The queue the switch does not know is named, and does not hide the one it knows.
    expect(snapshot.queueError).toMatch(/^ghost@default: /);
    // The API's merge over what is stored (ages on the database's clock) shows the same.
    const view = mergeLiveSnapshots(await readLiveSnapshots(database), [], { environment: 'production' });
    expect(view.totals).toMatchObject({ callsInFlows: 1, callersWaiting: 1 });
    expect(view.totals.longestWaitSeconds).toBeGreaterThanOrEqual(2);

    const round = runtime.live?.lastRound;
    console.info(`live snapshot (${kind}): caller seen waiting ${seenAfterMs} ms after the call was placed; last round read ${round?.readMs.toFixed(2)} ms, write ${round?.writeMs.toFixed(2)} ms, ${round?.bytes} bytes`);

    emulator.killChannel(call.aLegUuid);
    await call.finished;
    await vi.waitFor(
      async () => {
        const after = await storedSnapshot(database, 'rt-live-1');
        expect(after).toMatchObject({ activeCalls: 0, flows: [], nodes: [], queues: [{ queue: 'sales@default', callersWaiting: 0, longestWaitSeconds: 0 }] });
      },
      { timeout: 10_000, interval: 100 },
    );

    await runtime.close();
    expect(await storedSnapshot(database, 'rt-live-1')).toBeNull();
  });
});
