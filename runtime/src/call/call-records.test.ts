import { afterEach, describe, expect, it } from 'vitest';
import { FakeVersionSource } from '../testing/fakes.js';
import { compiledFlow, greetingFlow, liveVersion } from '../testing/flows.js';
import { exampleFlow, startHarness, type Harness } from '../testing/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Monday 23 Nov 2026, 10:00 in London: the example main menu is open. */
const MONDAY_MORNING = Date.UTC(2026, 10, 23, 10, 0, 0);

/** About 100 s of speech in the emulator (75 ms a character). */
const LONG_MESSAGE = 'Thank you for calling. '.repeat(60).trim();

/** Blocked numbers are rejected; everyone else hears a greeting. */
const screening = compiledFlow(
  'Screening',
  [
    { id: 'start', type: 'start' },
    { id: 'who', type: 'callerRouting', data: { lists: [{ key: 'blocked', label: 'Blocked', numbers: ['+15550666'] }] } },
    { id: 'reject', type: 'hangup', data: { cause: 'CALL_REJECTED' } },
    { id: 'hello', type: 'announcement', data: { prompt: { text: { en: 'Hello.' } } } },
    { id: 'bye', type: 'hangup' },
  ],
  ['start:next->who', 'who:blocked->reject', 'who:default->hello', 'hello:next->bye'],
);

/** Straight to a mailbox. */
const mailboxOnly = compiledFlow('Mailbox', [{ id: 'start', type: 'start' }, { id: 'vm', type: 'voicemail', data: { mailbox: 'general' } }], ['start:next->vm']);

describe('call records say what happened (through the emulator)', () => {
  it('a blocked caller is rejected without being answered, and recorded as rejected', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', screening)]) });
    const call = harness.emulator.placeCall({ destination: '1000', callerIdNumber: '+15550666' });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('rejected');
    expect(harness.commands.get(call.bLegUuid)).toEqual(['execute hangup CALL_REJECTED']);
    expect((await call.finished).hangupCause).toBe('CALL_REJECTED');
    expect(harness.analytics.ended.find((end) => end.callId === call.bLegUuid)).toMatchObject({ outcome: 'rejected', nodeId: 'reject', reason: 'flow rejected the call (CALL_REJECTED)' });
  });

  it('a caller who is not blocked is answered just before the greeting', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', screening)]) });
    const call = harness.emulator.placeCall({ destination: '1000', callerIdNumber: '+15550100' });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('selfServed');
    expect(harness.commands.get(call.bLegUuid)?.slice(0, 3)).toEqual(['execute answer', 'execute set playback_terminators=none', 'execute speak flite|kal|Hello.']);
  });

  it('voicemail on a switch without mod_voicemail: the switch hangs up (Invalid Application) and the record says error and why, not voicemail', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', mailboxOnly)]), emulator: { missingApplications: ['voicemail'] } });
    const call = harness.emulator.placeCall({ destination: '1000' });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('error');
    expect((await call.finished).hangupCause).toBe('DESTINATION_OUT_OF_ORDER');
    const end = harness.analytics.ended.find((e) => e.callId === call.bLegUuid);
    expect(end).toMatchObject({ outcome: 'error', nodeId: 'vm' });
    expect(end?.reason).toBe('the switch could not run voicemail (FreeSWITCH: Invalid Application voicemail; hung up with DESTINATION_OUT_OF_ORDER)');
  });

  it('voicemail on a switch that has it is still recorded as voicemail', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', mailboxOnly)]) });
    const call = harness.emulator.placeCall({ destination: '1000' });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('voicemail');
  });

  it('every visit the call left says by which outlet and why', async () => {
    harness = await startHarness({
      source: new FakeVersionSource([liveVersion('1000', exampleFlow('main-menu.json'))]),
      startAt: MONDAY_MORNING,
      emulator: { queues: { 'support@default': { agents: [{ name: 'alice', answerAfterSeconds: 20, talkSeconds: 60 }] } } },
    });
    const call = harness.emulator.placeCall({ destination: '1000', script: { dtmf: [{ digits: '2' }] } });
    await harness.summaryOf(call.bLegUuid);
    const visits = harness.analytics.visits.filter((v) => v.callId === call.bLegUuid);
    expect(visits.map((v) => [v.nodeId, v.arrivedFrom?.nodeId, v.arrivedFrom?.outlet])).toEqual([
      ['start', undefined, undefined],
      ['hours', 'start', 'next'],
      ['welcome', 'hours', 'open'],
      ['menu', 'welcome', 'next'],
      ['support', 'menu', '2'],
      ['bye', 'support', 'answered'],
    ]);
    expect(visits[2]?.arrivedFrom?.reason).toMatch(/^open: /);
    expect(visits[4]?.arrivedFrom?.reason).toBe('pressed 2');
    expect(visits[5]?.arrivedFrom?.reason).toMatch(/^queue exit: answered/);
  });

  it('a call still running when the runtime shuts down is recorded as shutdownDrained, not as the caller hanging up', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', greetingFlow('Long', LONG_MESSAGE))]) });
    const h = harness;
    const call = h.emulator.placeCall({ destination: '1000' });
    while (!h.commands.get(call.bLegUuid)?.some((command) => command.startsWith('execute speak'))) await new Promise((resolve) => setTimeout(resolve, 1));
    await h.server.close(20);
    const summary = await h.summaryOf(call.bLegUuid);
    expect(summary.outcome).toBe('shutdownDrained');
    const ends = h.analytics.ended.filter((end) => end.callId === call.bLegUuid);
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ outcome: 'shutdownDrained', nodeId: 'hello', reason: expect.stringMatching(/runtime shut down; the call was still running after the 0 s grace period/) });
  });

  it('the connection to the switch dropping mid-call (no hangup) is recorded as switchLost', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', greetingFlow('Long', LONG_MESSAGE))]), tap: true });
    const h = harness;
    const call = h.emulator.placeCall({ destination: '1000' });
    while (!h.commands.get(call.bLegUuid)?.some((command) => command.startsWith('execute speak'))) await new Promise((resolve) => setTimeout(resolve, 1));
    h.tapped.find((tapped) => tapped.chunks.some((chunk) => chunk.data.includes(call.bLegUuid)))?.drop();
    expect((await h.summaryOf(call.bLegUuid)).outcome).toBe('switchLost');
    expect(h.analytics.ended.find((end) => end.callId === call.bLegUuid)).toMatchObject({ outcome: 'switchLost', reason: expect.stringMatching(/^the connection to FreeSWITCH closed mid-call without a hangup/) });
  });

  it('a caller who hangs up is still recorded as callerHungUp (the switch said so before closing)', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', greetingFlow('Long', LONG_MESSAGE))]) });
    // A first call warms the process up, so the hang-up lands mid-prompt rather than during call set-up.
    await harness.emulator.placeCall({ destination: '1000', script: { hangupAfterMs: 1 } }).finished;
    const call = harness.emulator.placeCall({ destination: '1000', script: { hangupAfterMs: 60_000 } });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('callerHungUp');
    expect(harness.analytics.ended.find((end) => end.callId === call.bLegUuid)).toMatchObject({ outcome: 'callerHungUp', nodeId: 'hello', reason: 'caller hung up' });
  });

  it('a number with no flow gets the fallback and a call record saying so', async () => {
    harness = await startHarness({ fallback: { extension: null, apology: 'Sorry.', timeoutSeconds: 20 } });
    const call = harness.emulator.placeCall({ destination: '5555' });
    expect((await harness.summaryOf(call.bLegUuid)).outcome).toBe('fallback');
    expect(harness.analytics.started.find((s) => s.callId === call.bLegUuid)).toMatchObject({ flowName: null, versionId: null, address: '5555' });
    expect(harness.analytics.ended.find((e) => e.callId === call.bLegUuid)).toMatchObject({ outcome: 'fallback', reason: 'no live flow for 5555 in production' });
  });
});
