import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '@switchboard/db/testing';
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
const VERSION_ID = '11111111-2222-4333-8444-777777777777';

/** Start → split (one branch) → survey offered as a call-back (press 1), two questions → goodbye. */
const surveyFlow = compiledFlow(
  'Survey by call-back',
  [
    { id: 'start', type: 'start' },
    { id: 'ab', type: 'split', data: { branches: [{ key: 'a', percent: 100 }] } },
    {
      id: 'survey',
      type: 'survey',
      data: {
        mode: 'callBack',
        callBackDelayMinutes: 2,
        callBackOffer: { text: { en: 'May we call you back for a short survey? Press 1.' } },
        question: { text: { en: 'How satisfied are you? Press 1 for not at all, up to 5 for very.' } },
        secondQuestion: { text: { en: 'Was your problem solved? Press 1 for no, up to 5 for completely.' } },
      },
    },
    { id: 'bye', type: 'hangup' },
  ],
  ['start:next->ab', 'ab:a->survey', 'survey:done->bye', 'survey:noAnswer->bye'],
);

describe.each(testDatabaseKinds())('survey call-backs in a running runtime on %s', (kind) => {
  it('books the call-back on the call, dials it after the call ended plus the delay, the callee rates 4 and 2, and the ratings count for the original call', async () => {
    const target = { host: '127.0.0.1', port: 0 };
    emulator = await startEmulator({
      outbound: target,
      timeScale: 1000,
      // The caller's phone, when the switch calls it back: answers and presses 4, then 2.
      scriptForOriginate: () => ({ dtmf: [{ digits: '4' }, { digits: '2' }] }),
    });
    db = await openTestDatabase(kind);
    const config = loadConfig({
      ESL_HOST: '127.0.0.1',
      ESL_PORT: String(emulator.inboundPort),
      RUNTIME_LISTEN_PORT: '0',
      RUNTIME_HTTP_PORT: '0',
      DIAL_NUMBER_TEMPLATE: 'loopback/{destination}/default',
      CALLBACK_CALLER_ID_NUMBER: '+15550199',
    });
    runtime = await startRuntime({
      config,
      database: db,
      deployments: new FakeDeploymentFeed(),
      services: { versions: new FakeVersionSource([{ ...liveVersion('1000', surveyFlow), versionId: VERSION_ID }]) },
      clock: scaledClock(Date.now(), 1000),
      logger: pino({ level: 'silent' }),
    });
    target.port = runtime.outboundPort;

    const call = emulator.placeCall({ destination: '1000', callerIdNumber: CALLER, script: { dtmf: [{ digits: '1' }] } });
    await call.finished;
    await expect.poll(() => db!.prisma.callback.findFirst().then((row) => row?.callerLeftAt ?? null), { timeout: 10_000 }).not.toBeNull();
    const booked = await db.prisma.callback.findFirstOrThrow();
    expect(booked).toMatchObject({ purpose: 'survey', number: CALLER, queue: '', callId: call.bLegUuid });
    expect(booked.survey).toMatchObject({ flow: 'Survey by call-back', nodeId: 'survey', language: 'en', delayMs: 120_000 });
    // Due two minutes (on the runtime's clock) after the call ended, not when it was asked for.
    expect(booked.nextAttemptAt.getTime()).toBe(booked.callerLeftAt!.getTime() + 120_000);

    // Placed once into this runtime's socket; the callee hears the questions and rates.
    await expect.poll(() => db!.prisma.callback.findFirstOrThrow().then((row) => row.status), { timeout: 20_000 }).toBe('completed');
    expect(emulator.originations).toHaveLength(1);
    const [placed] = emulator.originations;
    expect(placed!.variables.get('sb_callback_purpose')).toBe('survey');
    expect(placed!.variables.get('sb_callback_id')).toBe(booked.id);
    expect(placed!.applications).toEqual([{ app: 'socket', data: `127.0.0.1:${runtime.outboundPort} async full` }]);
    await expect.poll(() => db!.prisma.callRecord.findFirstOrThrow({ where: { callId: call.bLegUuid } }).then((r) => [r.surveyScore, r.surveySecondScore]), { timeout: 20_000 }).toEqual([4, 2]);

    // The call-back is not a call of the flow: one record; the rollups count the ratings for the original call and
    // its split branch, and no callback the caller asked for.
    expect(await db.prisma.callRecord.count()).toBe(1);
    const [rollup] = await db.sql.query<{ calls: number; callbacks_requested: number; survey_answers: number; survey_score_sum: number; survey_scores: number[]; survey_second_answers: number; version_id: string }>(
      `SELECT calls, callbacks_requested, survey_answers, survey_score_sum, survey_scores, survey_second_answers, version_id FROM call_rollups_hourly`,
    );
    expect(rollup).toMatchObject({ calls: 1, callbacks_requested: 0, survey_answers: 1, survey_score_sum: 4, survey_scores: [0, 0, 0, 1, 0], survey_second_answers: 1, version_id: VERSION_ID });
    const [branch] = await db.sql.query<{ branch: string; survey_answers: number; survey_score_sum: number }>(`SELECT branch, survey_answers, survey_score_sum FROM split_rollups_hourly`);
    expect(branch).toEqual({ branch: 'a', survey_answers: 1, survey_score_sum: 4 });
  }, 120_000);
});
