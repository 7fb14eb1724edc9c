import { afterEach, describe, expect, it } from 'vitest';
import { FakeVersionSource } from '../testing/fakes.js';
import { greetingFlow, liveVersion } from '../testing/flows.js';
import { exampleFlow, startHarness, type Harness } from '../testing/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Monday 23 Nov 2026, 10:00 in London: the example main menu is open. */
const MONDAY_MORNING = Date.UTC(2026, 10, 23, 10, 0, 0);

describe('call session through the emulator', () => {
  it('plays a greeting and hangs up: the flow\'s commands, in order, then exit', async () => {
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', greetingFlow('Hello', 'Thank you for calling.'))]) });
    const call = harness.emulator.placeCall({ destination: '1000', callerIdNumber: '4005551234' });
    const summary = await harness.summaryOf(call.bLegUuid);
    expect(summary).toMatchObject({ outcome: 'selfServed', versionId: 'Hello-v1', fallback: null });
    expect(harness.commands.get(call.bLegUuid)).toEqual([
      'execute answer',
      'execute set playback_terminators=none',
      'execute speak flite|kal|Thank you for calling.',
      'execute hangup NORMAL_CLEARING',
    ]);
    expect((await call.finished).hangupCause).toBe('NORMAL_CLEARING');
  });

  it('menu by DTMF: 2 → support queue → an agent answers → goodbye', async () => {
    harness = await startHarness({
      source: new FakeVersionSource([liveVersion('1000', exampleFlow('main-menu.json'))]),
      startAt: MONDAY_MORNING,
      emulator: { queues: { 'support@default': { agents: [{ name: 'alice', answerAfterSeconds: 20, talkSeconds: 60 }] } } },
    });
    const call = harness.emulator.placeCall({ destination: '1000', script: { dtmf: [{ digits: '2' }] } });
    const summary = await harness.summaryOf(call.bLegUuid);
    expect(summary.outcome).toBe('answeredFromQueue');
    const commands = harness.commands.get(call.bLegUuid) ?? [];
    expect(commands).toContain('execute callcenter support@default');
    expect(commands.at(-2)).toBe('execute speak flite|kal|Thank you for calling. Goodbye.');
    expect(harness.analytics.visits.filter((v) => v.callId === call.bLegUuid).map((v) => v.nodeId)).toEqual(['start', 'hours', 'welcome', 'menu', 'support', 'bye']);
  });
});
