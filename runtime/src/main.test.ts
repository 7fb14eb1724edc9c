import { openTestDatabase, testDatabaseKinds } from '@switchboard/db/testing';
import { startEmulator, type Emulator } from '@switchboard/esl-emulator';
import { connect } from 'node:net';
import { hostname } from 'node:os';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from './config.js';
import { startRuntime, type RuntimeHandle } from './main.js';
import { FakeCallbackService, FakeDeploymentFeed, FakeVersionSource, RecordingAnalytics } from './testing/fakes.js';
import { greetingFlow, liveVersion } from './testing/flows.js';

let runtime: RuntimeHandle | undefined;
let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  await runtime?.close();
  runtime = undefined;
  emulator = undefined;
});

describe('startRuntime', () => {
  it('answers calls, swaps versions on a deployment notice, and serves /metrics and /healthz', async () => {
    const target = { host: '127.0.0.1', port: 0 };
    emulator = await startEmulator({ outbound: target, timeScale: 1000 });
    const source = new FakeVersionSource([liveVersion('1000', greetingFlow('Hello', 'Hello.'))]);
    const feed = new FakeDeploymentFeed();
    const analytics = new RecordingAnalytics();
    const config = loadConfig({ ESL_HOST: '127.0.0.1', ESL_PORT: String(emulator.inboundPort), RUNTIME_LISTEN_PORT: '0', RUNTIME_HTTP_PORT: '0' });
    let ended = 0;
    runtime = await startRuntime({
      config,
      onCallEnded: () => ended++,
      deployments: feed,
      services: { versions: source, callbacks: new FakeCallbackService(), analytics },
      logger: pino({ level: 'silent' }),
    });
    target.port = runtime.outboundPort;

    const first = emulator.placeCall({ destination: '1000' });
    expect((await first.finished).hangupCause).toBe('NORMAL_CLEARING');
    source.publish(liveVersion('1000', greetingFlow('Hello', 'Hello again.'), 2));
    feed.notify({ address: '1000', environment: 'production', versionId: 'Hello-v2' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = emulator.placeCall({ destination: '1000' });
    await second.finished;
    while (ended < 2) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(analytics.started.map((call) => call.versionId)).toEqual(['Hello-v1', 'Hello-v2']);

    const base = `http://127.0.0.1:${runtime.httpPort}`;
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/switchboard_calls_started_total\{environment="production"\} 2/);
    expect(metrics).toMatch(/switchboard_calls_ended_total\{outcome="selfServed"\} 2/);
    expect(metrics).toMatch(/switchboard_node_visits_total\{flow="Hello",node="hello"\} 2/);
    expect(metrics).toMatch(/switchboard_effect_latency_seconds_count\{effect="play"\} 2/);
    expect(metrics).toMatch(/switchboard_active_calls 0/);
    expect(metrics).toMatch(/switchboard_esl_connected 1/);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', esl: { configured: true, state: 'ready' }, registry: { loaded: true, bindings: 1 }, database: { reachable: true } });
  });

  it('with the database down and nothing cached, /healthz says unavailable and calls get the apology, not silence', async () => {
    const target = { host: '127.0.0.1', port: 0 };
    emulator = await startEmulator({ outbound: target, timeScale: 1000 });
    const source = new FakeVersionSource([liveVersion('1000', greetingFlow('Hello', 'Hello.'))]);
    source.down = true;
    runtime = await startRuntime({
      config: loadConfig({ RUNTIME_LISTEN_PORT: '0', RUNTIME_HTTP_PORT: '0', RUNTIME_FALLBACK_APOLOGY: 'Sorry, try later.' }),
      deployments: new FakeDeploymentFeed(),
      services: { versions: source, callbacks: new FakeCallbackService(), analytics: new RecordingAnalytics() },
      logger: pino({ level: 'silent' }),
    });
    target.port = runtime.outboundPort;
    const health = await fetch(`http://127.0.0.1:${runtime.httpPort}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', database: { reachable: false } });
    const call = emulator.placeCall({ destination: '1000' });
    expect((await call.finished).hangupCause).toBe('NORMAL_TEMPORARY_FAILURE');
  });
});

describe('stopping a runtime (rolling restarts)', () => {
  it('refuses new connections at once, answers /healthz 503 "draining", and lets the call in progress finish', async () => {
    const target = { host: '127.0.0.1', port: 0 };
    emulator = await startEmulator({ outbound: target, timeScale: 20 });
    const longGreeting = 'Hello, and thank you for calling. '.repeat(12);
    const source = new FakeVersionSource([liveVersion('1000', greetingFlow('Hello', longGreeting))]);
    const outcomes: string[] = [];
    const stopping = await startRuntime({
      config: loadConfig({ RUNTIME_LISTEN_PORT: '0', RUNTIME_HTTP_PORT: '0' }),
      deployments: new FakeDeploymentFeed(),
      services: { versions: source, callbacks: new FakeCallbackService(), analytics: new RecordingAnalytics() },
      logger: pino({ level: 'silent' }),
      onCallEnded: (summary) => outcomes.push(summary.outcome),
    });
    runtime = stopping;
    target.port = stopping.outboundPort;
    const call = emulator.placeCall({ destination: '1000' });
    while (stopping.health().activeCalls < 1) await new Promise((resolve) => setTimeout(resolve, 5));

    const closed = stopping.close(30_000);
    // A balancer's health check takes this runtime out; /healthz keeps answering until the calls are done.
    const health = await fetch(`http://127.0.0.1:${stopping.httpPort}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'draining', activeCalls: 1 });
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(stopping.outboundPort, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve('accepted');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');

    expect((await call.finished).hangupCause).toBe('NORMAL_CLEARING');
    await closed;
    expect(outcomes).toEqual(['selfServed']);
  });

  it('reads how long calls may finish from RUNTIME_DRAIN_SECONDS (default 300 s)', () => {
    expect(loadConfig({}).drainSeconds).toBe(300);
    expect(loadConfig({ RUNTIME_DRAIN_SECONDS: '45' }).drainSeconds).toBe(45);
    expect(() => loadConfig({ RUNTIME_DRAIN_SECONDS: 'soon' })).toThrow(/RUNTIME_DRAIN_SECONDS/);
  });
});

describe('startRuntime with its real services', () => {
  it('opens the database, loads (no) bindings, and answers an unbound number with the fallback', async () => {
    const target = { host: '127.0.0.1', port: 0 };
    emulator = await startEmulator({ outbound: target, timeScale: 1000 });
    runtime = await startRuntime({
      config: loadConfig({ DATABASE_URL: 'memory://', ESL_HOST: '127.0.0.1', ESL_PORT: String(emulator.inboundPort), RUNTIME_LISTEN_PORT: '0', RUNTIME_HTTP_PORT: '0' }),
      logger: pino({ level: 'silent' }),
    });
    target.port = runtime.outboundPort;
    await runtime.registry.loaded;
    expect(runtime.health()).toMatchObject({ registry: { loaded: true, bindings: 0 }, database: { reachable: true } });
    const call = emulator.placeCall({ destination: '4242' });
    expect((await call.finished).hangupCause).toBe('NORMAL_TEMPORARY_FAILURE');
  }, 30_000);

  it.each(testDatabaseKinds())('on %s: closes the calls this instance left open when it was killed, as runtimeLost, and no other instance\'s', async (kind) => {
    const db = await openTestDatabase(kind);
    try {
      const startedAt = new Date(Date.now() - 60_000);
      const open = (callId: string, runtimeInstance: string) =>
        db.prisma.callRecord.create({ data: { callId, environment: 'production', address: '1000', flowName: 'Hello', callerNumber: '1', startedAt, runtimeInstance } });
      await open('killed-mid-call', 'rt-a');
      await open('other-runtime-call', 'rt-b');
      const target = { host: '127.0.0.1', port: 0 };
      emulator = await startEmulator({ outbound: target, timeScale: 1000 });
      const before = Date.now();
      runtime = await startRuntime({
        config: loadConfig({ RUNTIME_INSTANCE: 'rt-a', ESL_HOST: '127.0.0.1', ESL_PORT: String(emulator.inboundPort), RUNTIME_LISTEN_PORT: '0', RUNTIME_HTTP_PORT: '0' }),
        database: db,
        logger: pino({ level: 'silent' }),
      });
      const lost = await db.prisma.callRecord.findUniqueOrThrow({ where: { callId: 'killed-mid-call' } });
      expect(lost).toMatchObject({ outcome: 'runtimeLost', endReason: expect.stringMatching(/rt-a started again/) });
      expect(lost.endedAt?.getTime()).toBeGreaterThanOrEqual(before - 5);
      expect(await db.prisma.callRecord.findUniqueOrThrow({ where: { callId: 'other-runtime-call' } })).toMatchObject({ outcome: null, endedAt: null });
      // New calls are recorded as this instance's, with why they ended.
      target.port = runtime.outboundPort;
      await runtime.registry.loaded;
      const call = emulator.placeCall({ destination: '4242' });
      await call.finished;
      await runtime.close();
      runtime = undefined;
      expect(await db.prisma.callRecord.findUniqueOrThrow({ where: { callId: call.bLegUuid } })).toMatchObject({ runtimeInstance: 'rt-a', outcome: 'fallback', endReason: 'no live flow for 4242 in production', flowName: null });
    } finally {
      await emulator?.close();
      emulator = undefined;
      await runtime?.close();
      runtime = undefined;
      await db.close();
    }
  }, 60_000);
});

describe('loadConfig', () => {
  it('has defaults for a FreeSWITCH on the same host', () => {
    expect(loadConfig({})).toMatchObject({
      environment: 'production',
      instance: `${hostname()}:9090`,
      esl: null,
      outbound: { host: '127.0.0.1', port: 9090 },
      http: { port: 9464 },
      fallback: { extension: null },
      commands: { tts: { engine: 'flite', voice: 'kal' }, voicemailDomain: '${domain}' },
    });
  });

  it('reads every setting and rejects unusable values with the variable named', () => {
    const config = loadConfig({
      RUNTIME_ENVIRONMENT: 'staging',
      ESL_HOST: 'fs.internal',
      ESL_PORT: '8022',
      ESL_PASSWORD: 's3cret',
      RUNTIME_LISTEN_HOST: '0.0.0.0',
      RUNTIME_LISTEN_PORT: '8084',
      RUNTIME_HTTP_PORT: 'off',
      RUNTIME_FALLBACK_EXTENSION: '1000',
      TTS_ENGINE: 'unimrcp',
      TTS_VOICE: 'Joanna',
      DIAL_NUMBER_TEMPLATE: 'sofia/gateway/carrier/{destination}',
      VOICEMAIL_DOMAIN: 'pbx.example.com',
      RUNTIME_INSTANCE: 'runtime-2',
    });
    expect(config).toMatchObject({
      environment: 'staging',
      instance: 'runtime-2',
      esl: { host: 'fs.internal', port: 8022, password: 's3cret' },
      outbound: { host: '0.0.0.0', port: 8084 },
      http: { port: null },
      fallback: { extension: '1000' },
      commands: { tts: { engine: 'unimrcp', voice: 'Joanna' }, dialStrings: { number: 'sofia/gateway/carrier/{destination}' }, voicemailDomain: 'pbx.example.com' },
    });
    expect(() => loadConfig({ ESL_HOST: 'fs', ESL_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ DIAL_EXTENSION_TEMPLATE: 'user/1000' })).toThrow(/DIAL_EXTENSION_TEMPLATE must contain \{destination\}/);
    expect(() => loadConfig({ RUNTIME_ENVIRONMENT: 'prod' })).toThrow(/RUNTIME_ENVIRONMENT/);
  });

  it('dials callbacks with DIAL_NUMBER_TEMPLATE and the callback caller id, per queue where CALLBACK_QUEUES says so', () => {
    const config = loadConfig({
      SWITCH_GROUP: 'berlin',
      DIAL_NUMBER_TEMPLATE: 'sofia/gateway/carrier/{destination}',
      CALLBACK_CALLER_ID_NUMBER: '+15550199',
      CALLBACK_CALLER_ID_NAME: 'Acme',
      CALLBACK_QUEUES: JSON.stringify({ 'sales@default': { dialTemplate: 'sofia/gateway/sales/{destination}', callerIdName: 'Acme Sales' }, 'vip@default': { announcement: '/sounds/vip.wav' } }),
      CALLBACK_GUARD_SECONDS: '20',
    });
    expect(config.switchGroup).toBe('berlin');
    expect(config.callbacks).toEqual({
      placement: {
        dialString: 'sofia/gateway/carrier/{destination}',
        callerIdNumber: '+15550199',
        callerIdName: 'Acme',
        announcement: { kind: 'speech', engine: 'flite', voice: 'kal', text: 'Hello, this is Acme, calling you back as you asked. Please hold: you are next in line.' },
      },
      placementByQueue: {
        'sales@default': {
          dialString: 'sofia/gateway/sales/{destination}',
          callerIdName: 'Acme Sales',
          announcement: { kind: 'speech', engine: 'flite', voice: 'kal', text: 'Hello, this is Acme Sales, calling you back as you asked. Please hold: you are next in line.' },
        },
        'vip@default': { announcement: { kind: 'file', path: '/sounds/vip.wav' } },
      },
      guardSeconds: 20,
      ringSeconds: 45,
      surveySocket: null,
    });
    expect(loadConfig({}).switchGroup).toBe('default');
    expect(loadConfig({ SURVEY_CALLBACK_SOCKET: '10.0.0.5:8084' }).callbacks.surveySocket).toBe('10.0.0.5:8084');
    expect(() => loadConfig({ SURVEY_CALLBACK_SOCKET: '10.0.0.5' })).toThrow(/SURVEY_CALLBACK_SOCKET must be host:port/);
    expect(loadConfig({ CALLBACK_ANNOUNCEMENT: 'off' }).callbacks.placement).toMatchObject({ dialString: 'sofia/gateway/default/{destination}', callerIdNumber: null, announcement: null });
    expect(() => loadConfig({ SWITCH_GROUP: 'emulator:laptop' })).toThrow(/SWITCH_GROUP "emulator:laptop": names starting with "emulator:" are reserved/);
    expect(() => loadConfig({ SWITCH_GROUP: 'two words' })).toThrow(/SWITCH_GROUP must be/);
    expect(() => loadConfig({ CALLBACK_CALLER_ID_NUMBER: 'ACME' })).toThrow(/CALLBACK_CALLER_ID_NUMBER must be a phone number/);
    expect(() => loadConfig({ CALLBACK_CALLER_ID_NAME: "Acme's" })).toThrow(/CALLBACK_CALLER_ID_NAME: caller id name/);
    expect(() => loadConfig({ CALLBACK_ANNOUNCEMENT: 'Hi ${destination}' })).toThrow(/CALLBACK_ANNOUNCEMENT: announcement/);
    expect(() => loadConfig({ CALLBACK_QUEUES: '{"sales@default":{"dialString":"x"}}' })).toThrow(/CALLBACK_QUEUES\["sales@default"\]\.dialString is not a setting/);
    expect(() => loadConfig({ CALLBACK_QUEUES: '{"sales@default":{"dialTemplate":"sofia/x"}}' })).toThrow(/CALLBACK_QUEUES\["sales@default"\]\.dialTemplate must contain \{destination\}/);
    expect(() => loadConfig({ CALLBACK_QUEUES: 'sales=x' })).toThrow(/CALLBACK_QUEUES must be JSON/);
    expect(() => loadConfig({ CALLBACK_GUARD_SECONDS: '-1' })).toThrow(/CALLBACK_GUARD_SECONDS must be whole seconds between 0 and 600/);
  });
});
