/**
 * The runtime under test in the real-switch benchmark, in its own process (so its CPU is its own): the same
 * OutboundServer + CallSession the runtime runs, with in-memory versions of two flows —
 *
 * - `spin` ({@link SPIN_NUMBER}): PROMPTS instant audio prompts (announcement nodes) in a row, then hang up: one
 *   app round trip each;
 * - `hold` ({@link HOLD_NUMBER}): announcements of LOOP_FILE after one another until the switch hangs up (the
 *   capacity test).

 *
 * IPC: `{ type: 'start', prompts, file, loopFile }` → `{ type: 'listening', port }`; `{ type: 'cpu' }` →
 * `{ type: 'cpu', user, system, activeCalls, ended, fallbacks, trace }` (trace.ts timings since the last report).
 */
import { pino } from 'pino';
import { FlowRegistry } from '../../src/registry/registry.js';
import { OutboundServer } from '../../src/server/outbound-server.js';
import { FakeDeploymentFeed, FakeVersionSource } from '../../src/testing/fakes.js';
import { compiledFlow, liveVersion } from '../../src/testing/flows.js';
import { HOLD_NUMBER, SPIN_NUMBER } from './numbers.js';
import { takeTrace, traceSocket } from './trace.js';
import { benchSessionDependencies } from '../session-deps.js';

interface StartMessage {
  type: 'start';
  prompts: number;
  file: string;
  loopFile: string;
}

function spinFlow(prompts: number, file: string) {
  const prompt = { text: { en: 'x' }, audio: file };
  return compiledFlow(
    'Spin',
    [{ id: 'start', type: 'start' }, ...Array.from({ length: prompts }, (_, index) => ({ id: `p${index}`, type: 'announcement', data: { prompt } })), { id: 'bye', type: 'hangup' }],
    ['start:next->p0', ...Array.from({ length: prompts - 1 }, (_, index) => `p${index}:next->p${index + 1}`), `p${prompts - 1}:next->bye`],
  );
}

function holdFlow(file: string) {
  const prompt = { text: { en: 'x' }, audio: file };
  return compiledFlow(
    'Hold',
    [
      { id: 'start', type: 'start' },
      { id: 'a', type: 'announcement', data: { prompt } },
      { id: 'b', type: 'announcement', data: { prompt } },
    ],
    ['start:next->a', 'a:next->b', 'b:next->a'],
  );
}

const started = process.cpuUsage();
let server: OutboundServer | undefined;
let ended = 0;
let fallbacks = 0;

async function start(message: StartMessage): Promise<number> {
  const logger = pino({ level: process.env['BENCH_RUNTIME_LOG'] ?? 'silent' }, pino.destination(2));
  const source = new FakeVersionSource([liveVersion(SPIN_NUMBER, spinFlow(message.prompts, message.file)), liveVersion(HOLD_NUMBER, holdFlow(message.loopFile))]);
  const registry = new FlowRegistry({ source, environment: 'production', logger });
  await registry.start(new FakeDeploymentFeed());
  server = new OutboundServer(
    benchSessionDependencies(registry, logger),
    (summary) => {
      ended++;
      if (summary.fallback !== null) fallbacks++;
    },
  );
  server.onConnection(traceSocket);
  return server.listen(0, '127.0.0.1');
}

process.on('message', (message: StartMessage | { type: 'cpu' } | { type: 'stop' }) => {
  if (message.type === 'start') void start(message).then((port) => process.send?.({ type: 'listening', port }));
  else if (message.type === 'cpu') process.send?.({ type: 'cpu', ...process.cpuUsage(started), activeCalls: server?.activeCalls ?? 0, ended, fallbacks, trace: takeTrace() });
  else void (server?.close() ?? Promise.resolve()).then(() => process.exit(0));
});
