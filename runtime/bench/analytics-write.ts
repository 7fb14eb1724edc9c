/**
 * What writing analytics costs a runtime (`pnpm --filter @switchboard/runtime bench:analytics-write`; not a test):
 * the call analytics the runtime uses (batched inserts of call starts and node visits, outlets, ends and the
 * hourly rollups and the visits' details, services/analytics/call-analytics.ts) fed RATE new calls a second for SECONDS
 * seconds, each with VISITS node visits (each reached by a key and playing a prompt) and, for a third of them, a queue wait; every call ends HOLD_MS after it starts. The same loop
 * runs once with analytics that record nothing; the difference in this process's CPU is what analytics costs.
 *
 * Databases: PostgreSQL (TEST_DATABASE_URL, or an embedded one started for the run — the database's own CPU is in
 * another process and not counted, as in production) and, with BENCH_PGLITE=1, the embedded PGlite (whose
 * database work runs inside this process and so is counted). Goal (issue 12): at 300 new calls/s, ≤ 5 % of one
 * core. Prints the figures and checks that every row arrived; asserts nothing else.
 *
 * Knobs: BENCH_RATE (300), BENCH_SECONDS (20), BENCH_VISITS (6), BENCH_HOLD_MS (3000), BENCH_PGLITE=1.
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { createDatabase, type Database } from '@switchboard/db';
import { providePostgresForTests } from '../../prisma/src/test-postgres-setup.js';
import { createCallAnalytics } from '../src/services/analytics/call-analytics.js';
import type { CallEvent, Effect } from '@switchboard/flows';
import type { CallAnalytics } from '../src/services/contracts.js';

const RATE = Number(process.env['BENCH_RATE'] ?? 300);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const VISITS = Number(process.env['BENCH_VISITS'] ?? 6);
const HOLD_MS = Number(process.env['BENCH_HOLD_MS'] ?? 3000);
const GOAL_PERCENT = 5;
const TICK_MS = 10;

const NOTHING: CallAnalytics = { callStarted: () => undefined, nodeVisited: () => undefined, queueWaited: () => undefined, surveyAnswered: () => undefined, callEnded: () => undefined };
const cpuNow = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Feeds `analytics` RATE calls a second for SECONDS seconds; returns this process's CPU µs over the run. */
async function drive(analytics: CallAnalytics, runId: string): Promise<{ cpuMicros: number; calls: number; wallMs: number }> {
  const started = performance.now();
  const cpuAtStart = cpuNow();
  const ending: Array<{ at: number; callId: string; nodeId: string }> = [];
  let calls = 0;
  const total = RATE * SECONDS;
  while (calls < total || ending.length > 0) {
    const now = Date.now();
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
    for (; calls < due; calls++) {
      const callId = `${runId}-${calls}`;
      analytics.callStarted({ callId, address: '+15550100', environment: 'production', flowName: 'Bench', versionId: null, caller: `+4477009${String(calls % 100_000).padStart(5, '0')}`, at: now });
      let previous: string | null = null;
      for (let visit = 0; visit < VISITS; visit++) {
        const nodeId = `n${visit}`;
        const arrivedFrom = previous === null ? null : { nodeId: previous, outlet: 'next', reason: 'prompt finished' };
        // What the session reports per step (visit details: the key that led here, the prompt heard there).
        const event: CallEvent | null = visit === 0 ? null : { type: 'digits', at: now + visit, digits: '1' };
        const effects: Effect[] = [
          { kind: 'visit', flow: 'Bench', nodeId, nodeType: visit === 0 ? 'start' : 'announcement', at: now + visit, arrivedFrom },
          { kind: 'play', prompt: { language: 'en', text: 'Thank you for calling. Please choose from the following options.' }, bargeIn: true },
        ];
        analytics.stepped?.(callId, event, effects);
        analytics.nodeVisited({ callId, flowName: 'Bench', nodeId, nodeType: visit === 0 ? 'start' : 'announcement', at: now + visit, arrivedFrom });
        previous = nodeId;
      }
      if (calls % 3 === 0) analytics.queueWaited({ callId, queue: 'support@default', joinedAt: now, answeredAt: now + 20_000, leftAt: now + 20_000, agent: 'agent-1', talkMs: 60_000 });
      ending.push({ at: now + HOLD_MS, callId, nodeId: previous ?? 'n0' });
    }
    while (ending.length > 0 && ending[0]!.at <= now) {
      const end = ending.shift()!;
      analytics.callEnded({ callId: end.callId, outcome: 'selfServed', nodeId: end.nodeId, at: now, reason: 'the flow ended', lastExit: { nodeId: end.nodeId, outlet: 'next', reason: 'prompt finished' } });
    }
    await sleep(TICK_MS);
  }
  return { cpuMicros: cpuNow() - cpuAtStart, calls, wallMs: performance.now() - started };
}

async function measure(label: string, db: Database): Promise<void> {
  const baseline = await drive(NOTHING, `baseline-${randomUUID()}`);
  const analytics = createCallAnalytics(db, { runtimeInstance: 'bench' });
  const runId = `bench-${randomUUID()}`;
  const measured = await drive(analytics, runId);
  const cpuBeforeClose = cpuNow();
  await analytics.close();
  const closeCpu = cpuNow() - cpuBeforeClose;
  const analyticsCpu = measured.cpuMicros + closeCpu - baseline.cpuMicros;
  const percentOfCore = (analyticsCpu / 1000 / measured.wallMs) * 100;
  const [written] = await db.sql.query<{ calls: string; visits: string }>(
    `SELECT count(DISTINCT c.id) AS calls, count(v.*) AS visits FROM call_records c LEFT JOIN node_visits v ON v.call_record_id = c.id WHERE c.call_id LIKE $1 AND c.ended_at IS NOT NULL`,
    [`${runId}-%`],
  );
  const calls = written?.calls ?? '0';
  const visits = written?.visits ?? '0';
  console.log(`   ${label.padEnd(11)} analytics ${(analyticsCpu / 1000).toFixed(0).padStart(6)} ms CPU over ${(measured.wallMs / 1000).toFixed(1)} s = ${percentOfCore.toFixed(2).padStart(5)} % of one core (${(analyticsCpu / measured.calls).toFixed(1)} µs per call)   goal ≤ ${GOAL_PERCENT} %: ${percentOfCore <= GOAL_PERCENT ? 'MET' : 'MISSES'}`);
  console.log(`   ${''.padEnd(11)} written: ${calls} of ${measured.calls} calls ended, ${visits} of ${measured.calls * VISITS} visits${Number(calls) === measured.calls && Number(visits) === measured.calls * VISITS ? '' : '   ROWS MISSING'}`);
}

console.log(`analytics write cost: ${RATE} new calls/s for ${SECONDS} s, ${VISITS} visits each, a queue wait for one in three, each call ${HOLD_MS} ms long; load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
const release = await providePostgresForTests(() => undefined);
const schema = `bench_analytics_${process.pid}`;
const url = new URL(process.env['TEST_DATABASE_URL']!);
url.searchParams.set('schema', schema);
const postgres = await createDatabase({ url: url.toString() });
try {
  await measure('PostgreSQL', postgres);
} finally {
  await postgres.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await postgres.close();
  await release();
}
if (process.env['BENCH_PGLITE'] === '1') {
  const pglite = await createDatabase({ url: 'memory://' });
  try {
    await measure('PGlite', pglite);
  } finally {
    await pglite.close();
  }
}
console.log(`   load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
