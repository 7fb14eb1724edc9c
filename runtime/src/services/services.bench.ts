/**
 * Service figures on this machine (not a test): `npx tsx src/services/services.bench.ts` from runtime/.
 * Prints analytics write throughput, queue position fan-out cost and callback scheduling/dialing rates;
 * `… services.bench.ts analytics|queue|callbacks` runs one part.
 */
import { providePostgresForTests } from '@switchboard/db/test-postgres-setup';
import { openTestDatabase, testDatabaseKinds, type TestDatabaseKind } from '@switchboard/db/testing';
import { startEmulator } from '@switchboard/esl-emulator';
import { InboundClient } from '../esl/inbound-client.js';
import { createCallAnalytics } from './analytics/call-analytics.js';
import { startCallbackDialer } from './callbacks/callback-dialer.js';
import { createCallbackService } from './callbacks/callback-service.js';
import { createQueueService } from './queues/queue-service.js';

const ms = (start: number) => performance.now() - start;
const kinds: TestDatabaseKind[] = testDatabaseKinds();

async function analytics(kind: TestDatabaseKind): Promise<void> {
  const db = await openTestDatabase(kind);
  const calls = 10_000;
  const sink = createCallAnalytics(db, { flushSize: 5000, flushIntervalMs: 3_600_000, maxBufferedRows: 1_000_000 });
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) {
    const callId = `call-${i}`;
    sink.callStarted({ callId, address: '+4989', environment: 'production', flowName: 'main', versionId: null, caller: '+4930', at: Date.now() });
    for (let n = 0; n < 5; n++) sink.nodeVisited({ callId, flowName: 'main', nodeId: `node-${n}`, nodeType: 'menu', at: Date.now(), arrivedFrom: n === 0 ? null : { nodeId: `node-${n - 1}`, outlet: '1', reason: 'pressed 1' } });
    sink.callEnded({ callId, outcome: 'selfServed', nodeId: 'node-4', at: Date.now(), reason: 'bench' });
  }
  const enqueue = ms(t0);
  const t1 = performance.now();
  await sink.close();
  const write = ms(t1);
  const rows = calls * 7;
  console.log(`analytics ${kind}: ${rows} events recorded in ${enqueue.toFixed(0)} ms (${((enqueue * 1e6) / rows).toFixed(0)} ns each, call path); written in ${write.toFixed(0)} ms = ${Math.round(rows / (write / 1000))} rows/s`);
  await db.close();
}

async function queuePositions(): Promise<void> {
  const emulator = await startEmulator({ timeScale: 1000, queues: { 'q@default': { agents: [{ name: 'a', answerAfterSeconds: 99_999 }] } } });
  const client = new InboundClient({ host: '127.0.0.1', port: emulator.inboundPort, password: 'ClueCon' });
  await client.start();
  const callers = 5000;
  const nowEpoch = Math.floor(emulator.core.clock.now() / 1000);
  for (let i = 0; i < callers; i++) {
    emulator.queues.add({ queue: 'q@default', uuid: `m${i}`, sessionUuid: `s${i}`, cidNumber: '1', cidName: '', joinedEpoch: nowEpoch - i, state: 'Waiting', servingAgent: '', abandonedEpoch: 0, baseScore: 0, bridgeEpoch: 0 });
  }
  const cold = createQueueService(client, { cacheMs: 0 });
  const r0 = performance.now();
  for (let i = 0; i < 5; i++) await cold.snapshot('q@default');
  console.log(`queue read: ${callers} waiting members (api json over ESL, parsed, ordered) in ${(ms(r0) / 5).toFixed(1)} ms per read`);
  let reads = 0;
  const service = createQueueService({ api: (c) => (c.includes('list members') && reads++, client.api(c)) }, { now: () => emulator.core.clock.now(), tickMs: 10 });
  let updates = 0;
  const t0 = performance.now();
  const done = new Promise<void>((resolve) => {
    for (let i = 0; i < callers; i++) {
      service.watchPosition('q@default', `s${i}`, 30, () => {
        if (++updates === callers * 3) resolve();
      });
    }
  });
  await done;
  const elapsed = ms(t0);
  console.log(`queue positions: ${callers} waiting callers × 3 updates = ${updates} updates from ${reads} reads of the queue in ${elapsed.toFixed(0)} ms real (3 intervals of 30 simulated s = 90 ms real included)`);
  service.close();
  await client.stop();
  await emulator.close();
}

async function callbacks(kind: TestDatabaseKind): Promise<void> {
  const db = await openTestDatabase(kind);
  const service = createCallbackService(db, { guardMs: 0 });
  const count = 1000;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    await service.schedule({ callId: `c${i}`, queue: 'q@default', number: `+4930${String(i).padStart(6, '0')}`, keepPlace: true, originalWaitSeconds: i, priority: 0, window: null, requestedAt: Date.now() });
    // The caller hangs up after booking: only then may the callback be placed.
    await service.callEnded(`c${i}`, Date.now());
  }
  const scheduled = ms(t0);
  const fake = { bgapi: async () => `+OK ${crypto.randomUUID()}\n` };
  const dialers = [0, 1].map((n) => startCallbackDialer(db, fake, { autoStart: false, workerId: `bench-${n}`, batchSize: 20 }));
  const t1 = performance.now();
  await Promise.all(dialers.map(async (d) => { while ((await d.runOnce()) > 0); }));
  const placed = ms(t1);
  console.log(`callbacks ${kind}: ${count} scheduled (and their calls ended) in ${scheduled.toFixed(0)} ms (${Math.round(count / (scheduled / 1000))}/s); placed by 2 dialers in ${placed.toFixed(0)} ms (${Math.round(count / (placed / 1000))}/s, switch answering at once)`);
  await db.close();
}

const only = process.argv[2];
// PostgreSQL: TEST_DATABASE_URL, or an embedded server for this run (as the tests do).
const releasePostgres = await providePostgresForTests();
try {
  if (!only || only === 'analytics') for (const kind of kinds) await analytics(kind);
  if (!only || only === 'queue') await queuePositions();
  if (!only || only === 'callbacks') for (const kind of kinds) await callbacks(kind);
} finally {
  await releasePostgres();
}
