import { createDatabase, type Database } from '@switchboard/db';
import { DEFAULT_MODULES, startEmulator, type Emulator, type EmulatorOptions } from '@switchboard/esl-emulator';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { startRuntime, type RuntimeHandle } from '../main.js';
import type { HealthReport } from '../server/http-server.js';
import { FakeCallbackService, FakeDeploymentFeed, FakeVersionSource, RecordingAnalytics } from '../testing/fakes.js';
import { compiledFlow, greetingFlow, liveVersion } from '../testing/flows.js';
import type { CompiledFlow } from '@switchboard/flows';

let runtime: RuntimeHandle | undefined;
let emulator: Emulator | undefined;
let database: Database | undefined;
afterEach(async () => {
  await runtime?.close();
  await emulator?.close();
  await database?.close();
  runtime = undefined;
  emulator = undefined;
  database = undefined;
});

const voicemailFlow = compiledFlow(
  'After hours',
  [
    { id: 'start', type: 'start' },
    { id: 'leaveMessage', type: 'voicemail', data: { mailbox: '1000' } },
  ],
  ['start:next->leaveMessage'],
);

const salesFlow = compiledFlow(
  'Sales',
  [
    { id: 'start', type: 'start' },
    { id: 'salesQueue', type: 'queue', data: { queue: 'sales@default' } },
    { id: 'bye', type: 'hangup' },
  ],
  ['start:next->salesQueue', 'salesQueue:answered->bye', 'salesQueue:overflow->bye', 'salesQueue:noAgents->bye', 'salesQueue:callerHungUp->bye'],
);

interface Started {
  readonly source: FakeVersionSource;
  readonly feed: FakeDeploymentFeed;
  readonly logs: Array<{ level: number; msg: string; problems?: string[] }>;
}

async function start(
  switchOptions: EmulatorOptions,
  versions: ReturnType<typeof liveVersion>[],
  extra: { library?: CompiledFlow[]; database?: Database } = {},
): Promise<Started> {
  emulator = await startEmulator({ timeScale: 1000, ...switchOptions });
  const source = new FakeVersionSource(versions, extra.library);
  const feed = new FakeDeploymentFeed();
  const logs: Started['logs'] = [];
  runtime = await startRuntime({
    config: loadConfig({ ESL_HOST: '127.0.0.1', ESL_PORT: String(emulator.inboundPort), RUNTIME_LISTEN_PORT: '0', RUNTIME_HTTP_PORT: '0' }),
    deployments: feed,
    services: { versions: source, callbacks: new FakeCallbackService(), analytics: new RecordingAnalytics() },
    ...(extra.database ? { database: extra.database, runtimeInstance: 'rt-test:1', callbackDialer: false } : {}),
    logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Started['logs'][number]) }),
  });
  return { source, feed, logs };
}

async function healthz(): Promise<HealthReport> {
  return (await (await fetch(`http://127.0.0.1:${runtime?.httpPort}/healthz`)).json()) as HealthReport;
}

const WARN = 40;

function withoutModule(module: string): string[] {
  return DEFAULT_MODULES.filter((name) => name !== module);
}

describe('the switch capabilities', () => {
  it('a switch without mod_voicemail: /healthz is degraded and names the binding, flow, version and node; one warning; the gauge counts it', async () => {
    const { logs } = await start({ modules: withoutModule('mod_voicemail') }, [liveVersion('2000', voicemailFlow), liveVersion('1000', greetingFlow('Hello', 'Hello.'))]);
    await vi.waitFor(async () => expect((await healthz()).switch?.problems).toHaveLength(1));
    const health = await healthz();
    expect(health.status).toBe('degraded');
    expect(health.switch).toMatchObject({
      modules: { mod_voicemail: false, mod_flite: true, mod_callcenter: true },
      queues: [],
      problems: [{ address: '2000', flowName: 'After hours', versionNumber: 1, flow: 'After hours', nodeId: 'leaveMessage', nodeType: 'voicemail', kind: 'missingModule', module: 'mod_voicemail' }],
    });
    expect(health.switch?.checkedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const warnings = logs.filter((line) => line.level === WARN && line.problems);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.problems).toEqual(['2000 (After hours v1): node leaveMessage of "After hours" needs mod_voicemail, which the switch has not loaded']);
    const metrics = await (await fetch(`http://127.0.0.1:${runtime?.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/switchboard_switch_capability_problems\{kind="missingModule"\} 1/);
    expect(metrics).toMatch(/switchboard_switch_capability_problems\{kind="unknownQueue"\} 0/);
  });

  it('a queue the switch does not know is reported; the queue it knows is not', async () => {
    await start({ queues: { 'support@default': {} } }, [liveVersion('3000', salesFlow)]);
    await vi.waitFor(async () => expect((await healthz()).switch?.problems).toHaveLength(1));
    const health = await healthz();
    expect(health.switch?.queues).toEqual(['support@default']);
    expect(health.switch?.problems).toMatchObject([{ address: '3000', nodeId: 'salesQueue', kind: 'unknownQueue', queue: 'sales@default' }]);
  });

  it('a switch with everything the flows need: ok, no problems', async () => {
    await start({ queues: { 'sales@default': {} } }, [liveVersion('3000', salesFlow), liveVersion('2000', voicemailFlow)]);
    await vi.waitFor(async () => expect((await healthz()).switch?.checkedAt).not.toBeNull());
    expect(await healthz()).toMatchObject({ status: 'ok', switch: { problems: [] } });
  });

  it('re-checks when a new version goes live (hot swap)', async () => {
    const { source, feed, logs } = await start({ modules: withoutModule('mod_voicemail') }, [liveVersion('2000', greetingFlow('Hello', 'Hello.'))]);
    await vi.waitFor(async () => expect((await healthz()).switch?.checkedAt).not.toBeNull());
    expect((await healthz()).switch?.problems).toEqual([]);
    source.publish(liveVersion('2000', { ...voicemailFlow, name: 'Hello' }, 2));
    feed.notify({ address: '2000', environment: 'production', versionId: 'Hello-v2' });
    await vi.waitFor(async () => expect((await healthz()).switch?.problems).toMatchObject([{ address: '2000', versionNumber: 2, nodeId: 'leaveMessage' }]));
    expect(logs.filter((line) => line.level === WARN && line.problems)).toHaveLength(1);
  });

  it('re-checks on reconnect: the switch comes back with mod_voicemail loaded and the problem clears', async () => {
    const { logs } = await start({ modules: withoutModule('mod_voicemail') }, [liveVersion('2000', voicemailFlow)]);
    await vi.waitFor(async () => expect((await healthz()).switch?.problems).toHaveLength(1));
    const port = emulator?.inboundPort ?? 0;
    await emulator?.close();
    // The switch restarts on the same port with another configuration.
    emulator = await startEmulator({ timeScale: 1000, inboundPort: port });
    await vi.waitFor(async () => expect((await healthz()).switch?.problems).toEqual([]), { timeout: 5000 });
    expect(await healthz()).toMatchObject({ status: 'ok', esl: { state: 'ready', connections: 2 }, switch: { modules: { mod_voicemail: true } } });
    expect(logs.map((line) => line.msg)).toContain('every live flow has what it needs from the switch');
  });

  it('names the sub-flow holding the node, and writes the report to switch_capabilities for the designer', async () => {
    const messageSubflow = compiledFlow(
      'Leave a message',
      [
        { id: 'start', type: 'start' },
        { id: 'mailbox', type: 'voicemail', data: { mailbox: 'sales' } },
      ],
      ['start:next->mailbox'],
    );
    const main = compiledFlow(
      'Front desk',
      [
        { id: 'start', type: 'start' },
        { id: 'message', type: 'subflow', data: { flow: 'Leave a message', outcomes: [] } },
        { id: 'bye', type: 'hangup' },
      ],
      ['start:next->message', 'message:failed->bye'],
    );
    database = await createDatabase({ url: 'memory://' });
    await start({ modules: withoutModule('mod_voicemail') }, [liveVersion('4000', main, 7)], { library: [messageSubflow], database });
    await vi.waitFor(async () => expect((await healthz()).switch?.problems).toHaveLength(1));
    expect((await healthz()).switch?.problems).toMatchObject([{ address: '4000', flowName: 'Front desk', versionNumber: 7, flow: 'Leave a message', nodeId: 'mailbox', module: 'mod_voicemail' }]);
    const port = emulator?.inboundPort;
    await vi.waitFor(async () => expect(await database?.prisma.switchCapabilities.count()).toBe(1));
    const row = await database.prisma.switchCapabilities.findFirstOrThrow();
    expect(row).toMatchObject({
      runtimeInstance: 'rt-test:1',
      environment: 'production',
      switchHost: `127.0.0.1:${port}`,
      queues: [],
      // Callbacks are dialled with DIAL_NUMBER_TEMPLATE (the runtime used to hard-code loopback for them).
      settings: { ttsEngine: 'flite', dialStrings: { number: 'sofia/gateway/default/{destination}' }, callbackDialString: 'sofia/gateway/default/{destination}' },
      problems: [{ address: '4000', flowName: 'Front desk', versionNumber: 7, flow: 'Leave a message', nodeId: 'mailbox', nodeType: 'voicemail', kind: 'missingModule', module: 'mod_voicemail' }],
    });
    expect((row.modules as Record<string, boolean>)['mod_voicemail']).toBe(false);
    expect((row.modules as Record<string, boolean>)['mod_callcenter']).toBe(true);
  }, 30_000);
});
