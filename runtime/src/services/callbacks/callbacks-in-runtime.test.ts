import { openTestDatabase, type TestDatabase } from '@switchboard/db/testing';
import { startEmulator, type Emulator } from '@switchboard/esl-emulator';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { scaledClock } from '../../call/clock.js';
import { loadConfig } from '../../config.js';
import { startRuntime, type RuntimeHandle } from '../../main.js';
import { FakeDeploymentFeed, FakeVersionSource } from '../../testing/fakes.js';
import { compiledFlow, liveVersion } from '../../testing/flows.js';

let runtime: RuntimeHandle | undefined;
let emulator: Emulator | undefined;
let db: TestDatabase | undefined;
afterEach(async () => {
  await emulator?.close();
  await runtime?.close();
  await db?.close();
  runtime = emulator = db = undefined;
});

const CALLER = '+447700900123';

/** Start → callback on the caller's number (press 1 to confirm) → goodbye → hang up. */
const callbackFlow = compiledFlow(
  'Callback',
  [
    { id: 'start', type: 'start' },
    {
      id: 'callback',
      type: 'callback',
      data: {
        queue: 'support@default',
        confirmPrompt: { text: { en: 'We will call you back on ${number}. Press ${confirmKey} to confirm.' } },
        enterNumberPrompt: { text: { en: 'Enter your number.' } },
        scheduledPrompt: { text: { en: 'Thank you, goodbye.' } },
      },
    },
    { id: 'bye', type: 'hangup' },
  ],
  ['start:next->callback', 'callback:scheduled->bye', 'callback:declined->bye', 'callback:failed->bye'],
);

describe('callbacks in a running runtime', () => {
  it('books on the call, waits for its end, then originates with the configured dial string, caller id and announcement', async () => {
    const target = { host: '127.0.0.1', port: 0 };
    emulator = await startEmulator({
      outbound: target,
      timeScale: 1000,
      queues: { 'support@default': { agents: [{ name: 'ada', answerAfterSeconds: 5 }] } },
      // The caller's phone answers when the switch calls it back.
      extensions: { [CALLER]: 'tone' },
    });
    db = await openTestDatabase('pglite');
    const config = loadConfig({
      ESL_HOST: '127.0.0.1',
      ESL_PORT: String(emulator.inboundPort),
      RUNTIME_LISTEN_PORT: '0',
      RUNTIME_HTTP_PORT: '0',
      SWITCH_GROUP: 'london',
      DIAL_NUMBER_TEMPLATE: 'loopback/{destination}/default',
      CALLBACK_CALLER_ID_NUMBER: '+15550199',
      CALLBACK_CALLER_ID_NAME: 'Acme Support',
    });
    runtime = await startRuntime({
      config,
      database: db,
      deployments: new FakeDeploymentFeed(),
      services: { versions: new FakeVersionSource([liveVersion('1000', callbackFlow)]) },
      clock: scaledClock(Date.now(), 1000),
      logger: pino({ level: 'silent' }),
    });
    target.port = runtime.outboundPort;

    const call = emulator.placeCall({ destination: '1000', callerIdNumber: CALLER, script: { dtmf: [{ digits: '1' }] } });
    await call.finished;
    // The runtime heard the call end (not the 15-minute fallback): the callback waits for that end plus the guard.
    await expect.poll(() => db!.prisma.callback.findFirst().then((row) => row?.callerLeftAt ?? null), { timeout: 10_000 }).not.toBeNull();
    const booked = await db.prisma.callback.findFirstOrThrow();
    expect(booked).toMatchObject({ number: CALLER, queue: 'support@default', switchGroup: 'london', callId: call.bLegUuid });
    expect(booked.nextAttemptAt.getTime()).toBe(booked.callerLeftAt!.getTime() + 15_000);

    await expect.poll(() => emulator!.originations.length, { timeout: 10_000 }).toBe(1);
    const [placed] = emulator.originations;
    const score = placed!.variables.get('cc_base_score');
    expect(Number(score)).toBeGreaterThanOrEqual(15);
    expect(placed!.command).toBe(
      `{origination_caller_id_number=+15550199,origination_caller_id_name='Acme Support',cc_base_score=${score},originate_timeout=45,ignore_early_media=true,` +
        `sb_callback_id=${booked.id},sb_callback_queue=support@default}loopback/${CALLER}/default ` +
        `'m:^:set_profile_var:caller_id_name=Callback^set_profile_var:caller_id_number=${CALLER}^speak:flite|kal|Hello, this is Acme Support, calling you back as you asked. Please hold: you are next in line.^callcenter:support@default' inline`,
    );
    await expect.poll(() => db!.prisma.callback.findFirstOrThrow().then((row) => row.status), { timeout: 10_000 }).toBe('completed');
    // Opening PGlite (WebAssembly, migrations) and starting the runtime take most of it on a loaded machine.
  }, 120_000);
});
