import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '@switchboard/db/testing';
import { startEmulator, type Emulator } from '@switchboard/esl-emulator';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scaledClock } from '../../call/clock.js';
import { loadConfig } from '../../config.js';
import { startRuntime, type RuntimeHandle } from '../../main.js';
import { FakeCallbackService, FakeDeploymentFeed, FakeVersionSource } from '../../testing/fakes.js';
import { compiledFlow, liveVersion } from '../../testing/flows.js';

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

/** Start → survey (two questions) → goodbye; a caller who rates nothing leaves by noAnswer to the same goodbye. */
const surveyFlow = compiledFlow(
  'After-call survey',
  [
    { id: 'start', type: 'start' },
    {
      id: 'survey',
      type: 'survey',
      data: {
        question: { text: { en: 'How satisfied are you? Press 1 for not at all, up to 5 for very satisfied.' } },
        secondQuestion: { text: { en: 'Was your problem solved? Press 1 for no, 5 for completely.' } },
        retryPrompt: { text: { en: 'Please press a key from 1 to 5.' } },
      },
    },
    { id: 'bye', type: 'hangup', data: { goodbye: { text: { en: 'Thank you. Goodbye.' } } } },
  ],
  ['start:next->survey', 'survey:done->bye', 'survey:noAnswer->bye'],
);

describe.each(testDatabaseKinds())('a survey through the emulated switch (%s)', (kind) => {
  it('stores the caller’s ratings on the call record and counts them in the hourly rollup', async () => {
    const target = { host: '127.0.0.1', port: 0 };
    emulator = await startEmulator({ outbound: target, timeScale: 1000 });
    db = await openTestDatabase(kind);
    runtime = await startRuntime({
      config: loadConfig({ ESL_HOST: '127.0.0.1', ESL_PORT: String(emulator.inboundPort), RUNTIME_LISTEN_PORT: '0', RUNTIME_HTTP_PORT: '0' }),
      database: db,
      deployments: new FakeDeploymentFeed(),
      services: { versions: new FakeVersionSource([liveVersion('+15550120', surveyFlow)]), callbacks: new FakeCallbackService() },
      callbackDialer: false,
      liveSnapshots: false,
      clock: scaledClock(Date.now(), 1000),
      logger: pino({ level: 'silent' }),
    });
    target.port = runtime.outboundPort;

    // One caller presses 7 (not a rating: asked again), then 4, then 2; another says nothing at all.
    const rated = emulator.placeCall({ destination: '+15550120', callerIdNumber: '+447700900201', script: { dtmf: [{ digits: '7' }, { digits: '4' }, { digits: '2' }] } });
    const silent = emulator.placeCall({ destination: '+15550120', callerIdNumber: '+447700900202', script: { dtmf: [null, null] } });
    await Promise.all([rated.finished, silent.finished]);
    const database = db;
    await vi.waitFor(async () => expect(await database.prisma.callRecord.count({ where: { endedAt: { not: null } } })).toBe(2), { timeout: 10_000 });

    const record = await db.prisma.callRecord.findFirstOrThrow({ where: { callerNumber: '+447700900201' } });
    expect(record).toMatchObject({ surveyScore: 4, surveySecondScore: 2, outcome: 'selfServed' });
    const unrated = await db.prisma.callRecord.findFirstOrThrow({ where: { callerNumber: '+447700900202' } });
    expect(unrated).toMatchObject({ surveyScore: null, surveySecondScore: null });
    const visits = await db.prisma.nodeVisit.findMany({ where: { callRecordId: unrated.id }, orderBy: { sequence: 'asc' } });
    expect(visits.find((visit) => visit.nodeId === 'survey')?.outlet).toBe('noAnswer');

    const rollups = await db.prisma.callRollupHourly.findMany({ where: { flowName: 'After-call survey' } });
    const sum = (pick: (row: (typeof rollups)[number]) => number) => rollups.reduce((total, row) => total + pick(row), 0);
    expect(sum((row) => row.calls)).toBe(2);
    expect(sum((row) => row.surveyAnswers)).toBe(1);
    expect(sum((row) => row.surveyScoreSum)).toBe(4);
    expect(rollups.map((row) => row.surveyScores).reduce((a, b) => a.map((n, i) => n + (b[i] ?? 0)))).toEqual([0, 0, 0, 1, 0]);
    expect(sum((row) => row.surveySecondAnswers)).toBe(1);
    expect(sum((row) => row.surveySecondScoreSum)).toBe(2);
  });
});
