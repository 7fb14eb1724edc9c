import type { CallEvent } from '@switchboard/flows';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallAnalytics } from '../services/contracts.js';
import { FakeVersionSource } from '../testing/fakes.js';
import { compiledFlow, liveVersion } from '../testing/flows.js';
import { startHarness, type Harness } from '../testing/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Monday 23 Nov 2026, 10:00 UTC: the schedule below is open. */
const MONDAY_MORNING = Date.UTC(2026, 10, 23, 10, 0, 0);
const day = [{ open: '09:00', close: '17:00' }];
/** About 45 s of speech in the emulator (75 ms a character, 45 ms at its time scale): the prompt still plays when the runtime prepares what follows. */
const long = (text: string) => `${text} `.repeat(Math.ceil(600 / (text.length + 1))).trim();

const threePrompts = compiledFlow(
  'Three',
  [
    { id: 'start', type: 'start' },
    { id: 'one', type: 'announcement', data: { prompt: { text: { en: long('One.') } } } },
    { id: 'two', type: 'announcement', data: { prompt: { text: { en: long('Two.') } } } },
    { id: 'menu', type: 'menu', data: { prompt: { text: { en: 'Press 1.' } }, options: [{ digit: '1', label: 'one' }] } },
    { id: 'bye', type: 'hangup' },
  ],
  ['start:next->one', 'one:next->two', 'two:next->menu', 'menu:1->bye', 'menu:noInput->bye'],
);

const promptThenHours = compiledFlow(
  'Hours',
  [
    { id: 'start', type: 'start' },
    { id: 'one', type: 'announcement', data: { prompt: { text: { en: 'One.' } } } },
    { id: 'hours', type: 'schedule', data: { timezone: 'UTC', weekly: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day } } },
    { id: 'open', type: 'announcement', data: { prompt: { text: { en: 'Open.' } } } },
    { id: 'closed', type: 'announcement', data: { prompt: { text: { en: 'Closed.' } } } },
    { id: 'bye', type: 'hangup' },
  ],
  ['start:next->one', 'one:next->hours', 'hours:open->open', 'hours:closed->closed', 'open:next->bye', 'closed:next->bye'],
);

/** For each interpreter step of a call: the event it handled and how many commands had been written by then. */
function stepsSeen(harnessOf: () => Harness | undefined): { analytics: CallAnalytics; steps: Array<{ event: CallEvent | null; written: number }> } {
  const steps: Array<{ event: CallEvent | null; written: number }> = [];
  const nothing = () => undefined;
  const analytics: CallAnalytics = {
    callStarted: nothing,
    nodeVisited: nothing,
    queueWaited: nothing,
    surveyAnswered: nothing,
    callEnded: nothing,
    stepped: (callId, event) => steps.push({ event, written: harnessOf()?.commands.get(callId)?.length ?? 0 }),
  };
  return { analytics, steps };
}

async function run(flow: typeof threePrompts, prepareNextPrompt: boolean, script = {}) {
  const seen = stepsSeen(() => harness);
  harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', flow)]), startAt: MONDAY_MORNING, analytics: seen.analytics, prepareNextPrompt });
  const call = harness.emulator.placeCall({ destination: '1000', script });
  const summary = await harness.summaryOf(call.bLegUuid);
  const commands = harness.commands.get(call.bLegUuid) ?? [];
  const mispredicted = (await harness.metrics.registry.getSingleMetric('switchboard_mispredicted_commands_total')?.get())?.values[0]?.value ?? 0;
  await harness.close();
  harness = undefined;
  return { summary, commands, steps: seen.steps, mispredicted };
}

/** How many commands had been written when the interpreter handled the end of the prompt with this seq. */
const writtenWhenFinished = (steps: Array<{ event: CallEvent | null; written: number }>, seq: number) =>
  steps.find((s) => s.event?.type === 'promptFinished' && s.event.seq === seq)?.written;

describe('the next prompt, written the moment the one playing ends', () => {
  it('goes out before the interpreter has handled the end of the prompt, and the call is otherwise the same', async () => {
    const ahead = await run(threePrompts, true, { dtmf: [{ digits: '1' }] });
    const after = await run(threePrompts, false, { dtmf: [{ digits: '1' }] });
    expect(ahead.commands).toEqual(after.commands);
    const two = ahead.commands.indexOf(`execute speak flite|kal|${long('Two.')}`);
    const menu = ahead.commands.findIndex((command) => command.startsWith('execute play_and_get_digits '));
    expect(ahead.commands.slice(0, 4)).toEqual(['execute answer', 'execute set playback_terminators=none', `execute speak flite|kal|${long('One.')}`, `execute speak flite|kal|${long('Two.')}`]);
    expect(menu).toBeGreaterThan(two);
    expect(ahead.commands.at(-1)).toBe('execute hangup NORMAL_CLEARING');
    expect(ahead.summary.outcome).toBe(after.summary.outcome);
    // "One." ends (seq 1): "Two." (4 commands in) is already written when the flow hears of it, and the menu when
    // "Two." ends; without preparing, each goes out only after the step.
    expect(writtenWhenFinished(ahead.steps, 1)).toBe(two + 1);
    expect(writtenWhenFinished(ahead.steps, 2)).toBe(menu + 1);
    expect(writtenWhenFinished(after.steps, 1)).toBe(two);
    expect(writtenWhenFinished(after.steps, 2)).toBe(two + 1);
    expect(ahead.mispredicted).toBe(0);
  });

  it('waits for the step when the next decision depends on the time (a schedule)', async () => {
    const ahead = await run(promptThenHours, true);
    expect(ahead.commands).toEqual(['execute answer', 'execute set playback_terminators=none', 'execute speak flite|kal|One.', 'execute speak flite|kal|Open.', 'execute hangup NORMAL_CLEARING']);
    expect(writtenWhenFinished(ahead.steps, 1)).toBe(3);
    expect(ahead.mispredicted).toBe(0);
  });
});
