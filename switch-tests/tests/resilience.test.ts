import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flowDocument, hangupNode, say } from '../src/flows.js';
import { startSuite, type SuiteEnvironment } from '../src/suite.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNTIME_PROCESS = fileURLToPath(new URL('../src/runtime-process.ts', import.meta.url));

const LONG_TALK = flowDocument(
  'Long talk',
  [
    { id: 'talk', type: 'announcement', data: { prompt: say('This is a long announcement. It goes on for a while, long enough for the runtime to be killed while it plays, which is the point of this test.') } },
    hangupNode('bye', 'Goodbye.'),
  ],
  [['talk', 'next', 'bye']],
);

let env: SuiteEnvironment;
let child: ChildProcess | undefined;
beforeAll(async () => {
  env = await startSuite();
  await env.switchboard.deploy('+15550271', LONG_TALK);
  await env.switchboard.deploy(
    '+15550272',
    flowDocument('Queue check', [{ id: 'queue', type: 'queue', data: { queue: 'unstaffed@default', overflow: { whenNoAgents: true, whenEstimateExceedsMaxWait: false } } }, hangupNode('closed', 'Nobody is logged in.')], [['queue', 'overflow', 'closed']]),
  );
});
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  await env.pointSwitchAt(env.switchboard.runtimeAddress);
  await env.observer.hangUpEverything();
});
afterAll(async () => {
  await env?.close();
});

/** Starts a Switchboard in a child process serving `document` on `address`; resolves with its runtime address. */
async function runtimeInChildProcess(address: string, document: unknown): Promise<{ process: ChildProcess; runtimeAddress: string }> {
  const started = spawn(process.execPath, ['--import', 'tsx', RUNTIME_PROCESS], {
    cwd: REPO_ROOT,
    env: { ...process.env, SWITCH_ESL_ADDRESS: JSON.stringify(env.fs.esl), SWITCH_DEPLOY: JSON.stringify([{ address, document }]) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child = started;
  const lines = createInterface({ input: started.stdout! });
  const runtimeAddress = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the runtime process did not start within 60 s')), 60_000);
    started.once('exit', (code) => reject(new Error(`the runtime process exited (${code}) before it took calls`)));
    lines.on('line', (line) => {
      const parsed = JSON.parse(line) as { runtimeAddress?: string };
      if (parsed.runtimeAddress) {
        clearTimeout(timer);
        resolve(parsed.runtimeAddress);
      }
    });
  });
  return { process: started, runtimeAddress };
}

describe('when things break', () => {
  it('the runtime killed mid-call: the call falls to the dialplan fallback (operator), and no channel is left parked', async () => {
    const other = await runtimeInChildProcess('+15550271', LONG_TALK);
    await env.pointSwitchAt(other.runtimeAddress);
    const call = await env.observer.call('+15550271');
    await call.executes('speak', /long announcement/);
    other.process.kill('SIGKILL');
    expect(await call.ended(30_000)).toBe('NORMAL_CLEARING');
    const applications = await call.applications();
    expect(applications).toContainEqual(expect.stringMatching(/^log\(WARNING Switchboard runtime unavailable/));
    expect(applications).toContain('bridge(user/1000@127.0.0.1)');
    expect((await call.events()).some((e) => e.name === 'CHANNEL_BRIDGE')).toBe(true);
    await env.observer.noChannels();
  });

  it('FreeSWITCH restarted: the runtime\'s inbound connection comes back and calls (with queue checks over it) work again', async () => {
    const before = env.switchboard.runtime.health().esl.connections;
    expect(env.switchboard.runtime.health().esl.state).toBe('ready');
    await env.restartSwitch();
    const deadline = Date.now() + 30_000;
    while (env.switchboard.runtime.health().esl.connections <= before || env.switchboard.runtime.health().esl.state !== 'ready') {
      if (Date.now() > deadline) throw new Error(`the runtime did not reconnect: ${JSON.stringify(env.switchboard.runtime.health().esl)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const call = await env.observer.call('+15550272');
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    expect(await env.spokenOn(call)).toEqual(['Nobody is logged in.']);
    expect(await call.applications()).not.toContainEqual(expect.stringMatching(/^callcenter\(/));
  });
});
