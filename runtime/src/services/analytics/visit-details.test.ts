import { runScenario, scenarioFromTrace, ScenarioSchema, type CallTrace, type VisitDetail } from '@switchboard/flows';
import { openTestDatabase, type TestDatabase } from '@switchboard/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeVersionSource } from '../../testing/fakes.js';
import { liveVersion } from '../../testing/flows.js';
import { exampleFlow, startHarness, type Harness } from '../../testing/harness.js';
import { createCallAnalytics, type BatchedCallAnalytics } from './call-analytics.js';

/** Monday 23 Nov 2026, 10:00 in London: the example main menu is open. */
const MONDAY_MORNING = Date.UTC(2026, 10, 23, 10, 0, 0);

/**
 * What a real call through the emulated switch leaves in `node_visits.detail`: the prompts the caller heard at each
 * step and what came back (keys, no input, the queue's answers) — enough to replay the call as a scenario.
 */
describe('visit details of a call through the emulator', () => {
  let db: TestDatabase;
  let harness: Harness | undefined;
  let analytics: BatchedCallAnalytics | undefined;
  beforeAll(async () => {
    db = await openTestDatabase('pglite');
  }, 60_000);
  afterAll(() => db?.close());
  afterEach(async () => {
    await harness?.close();
    await analytics?.close();
    harness = undefined;
    analytics = undefined;
  });

  it('stores prompts heard, keys and the queue per visit, and the call replays as a passing scenario', async () => {
    analytics = createCallAnalytics(db, { flushIntervalMs: 60_000 });
    const flow = exampleFlow('main-menu.json');
    harness = await startHarness({
      source: new FakeVersionSource([liveVersion('1000', flow)]),
      startAt: MONDAY_MORNING,
      analytics,
      emulator: { queues: { 'sales@default': { agents: [{ name: 'bob', answerAfterSeconds: 5, talkSeconds: 10 }] } } },
    });
    const call = harness.emulator.placeCall({ destination: '1000', callerIdNumber: '+447700900123', script: { dtmf: [null, { digits: '7' }, { digits: '1' }] } });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('answeredFromQueue');
    await analytics.flush();

    const record = await db.prisma.callRecord.findUniqueOrThrow({ where: { callId: call.bLegUuid }, include: { visits: { orderBy: { sequence: 'asc' } } } });
    const detail = (nodeId: string) => record.visits.find((v) => v.nodeId === nodeId)?.detail as VisitDetail | null | undefined;
    expect(detail('menu')?.events?.map((e) => (e.type === 'digits' ? `digits ${e.digits}` : e.type))).toEqual(['noInput', 'digits 7', 'digits 1']);
    expect(detail('menu')?.heard?.map((h) => h.text)).toEqual(expect.arrayContaining(["Sorry, I didn't hear a choice.", 'Sorry, that is not one of the options.']));
    expect(detail('welcome')?.heard?.[0]).toEqual({ text: 'Thank you for calling Acme.', language: 'en' });
    expect(detail('sales')?.events?.map((e) => e.type)).toEqual(['queueStatus', 'queueAnswered', 'queueExit']);
    // The last visit's detail is written with the call's end.
    expect(detail('bye')?.heard?.[0]?.text).toBe('Thank you for calling. Goodbye.');
    // A node where nothing was heard and nothing came back stores only why it was left, by message id (for the replay
    // in the UI language); the last one why the call ended there.
    expect(detail('hours')).toEqual({ left: expect.objectContaining({ id: 'schedule.at' }) });
    expect(detail('bye')?.ended).toEqual(expect.objectContaining({ id: expect.any(String) }));

    const trace: CallTrace = {
      callId: record.callId,
      environment: record.environment,
      address: record.address,
      flowName: record.flowName,
      versionId: null,
      versionNumber: 1,
      callerNumber: record.callerNumber,
      startedAt: record.startedAt.getTime(),
      endedAt: record.endedAt?.getTime() ?? null,
      outcome: record.outcome,
      endReason: record.endReason,
      queue: record.queueName ? { queue: record.queueName, joinedAt: null, waitMs: record.queueWaitMs, answeredAt: null, agent: record.agent, talkMs: record.talkMs } : null,
      calendars: [],
      visits: record.visits.map((v) => ({ sequence: v.sequence, flow: v.flowName ?? flow.name, nodeId: v.nodeId, nodeType: v.nodeType, enteredAt: v.enteredAt.getTime(), outlet: v.outlet, reason: v.outletReason, detail: v.detail as VisitDetail | null })),
    };
    const scenario = scenarioFromTrace(trace, { name: 'real call', caller: record.callerNumber, timezone: 'Europe/London' });
    if (!('call' in scenario)) throw new Error(scenario.kind);
    expect(scenario.script.slice(0, 3)).toEqual([{ action: 'silence' }, { action: 'press', digits: '7' }, { action: 'press', digits: '1' }]);
    expect(runScenario(flow, ScenarioSchema.parse(scenario))).toMatchObject({ passed: true });
  }, 60_000);

  it('writes details with NUL or half a surrogate pair cleaned (jsonb refuses both), with the rest of the batch', async () => {
    analytics = createCallAnalytics(db, { flushIntervalMs: 60_000 });
    const at = MONDAY_MORNING;
    analytics.callStarted({ callId: 'odd', address: '+4989', environment: 'production', flowName: 'main', versionId: null, caller: '+4930', at });
    analytics.stepped?.('odd', null, [
      { kind: 'visit', flow: 'main', nodeId: 'ask', nodeType: 'collectDigits', at, arrivedFrom: null },
      { kind: 'play', prompt: { language: 'en', text: 'half \ud800 pair' }, bargeIn: false },
    ]);
    analytics.nodeVisited({ callId: 'odd', flowName: 'main', nodeId: 'ask', nodeType: 'collectDigits', at, arrivedFrom: null });
    analytics.stepped?.('odd', { type: 'digits', at: at + 1000, digits: '12\u00003' }, []);
    analytics.callEnded({ callId: 'odd', outcome: 'selfServed', nodeId: 'ask', at: at + 2000, reason: 'test' });
    await analytics.flush();
    const visit = await db.prisma.nodeVisit.findFirstOrThrow({ where: { callRecord: { callId: 'odd' } } });
    expect(visit.detail).toEqual({ heard: [{ text: 'half \ufffd pair', language: 'en' }], events: [{ type: 'digits', at: at + 1000, digits: '123' }] });
  });
});
