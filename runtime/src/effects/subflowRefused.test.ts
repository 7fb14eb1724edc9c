import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeVersionSource } from '../testing/fakes.js';
import { compiledFlow, liveVersion } from '../testing/flows.js';
import { startHarness, type Harness } from '../testing/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** `name` says who it is, then calls `callee` as a sub-flow, with no failed outlet: an old pair of versions that call each other. */
function saysThenCalls(name: string, callee: string) {
  return compiledFlow(
    name,
    [
      { id: 'start', type: 'start' },
      { id: 'hello', type: 'announcement', data: { prompt: { text: { en: `This is ${name}.` } } } },
      { id: 'call', type: 'subflow', data: { flow: callee, outcomes: ['done'] } },
      { id: 'done', type: 'return', data: { outcome: 'done' } },
    ],
    ['start:next->hello', 'hello:next->call', 'call:done->done'],
  );
}

describe('sub-flow depth cap through the emulator', () => {
  it('a call into flows that call each other ends at 8 nested sub-flows with an error hangup and a warning naming the calls', async () => {
    const lines: Array<{ level: number; msg: string; chain?: string[] }> = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line) as (typeof lines)[number]) });
    const a = saysThenCalls('A', 'B');
    const b = saysThenCalls('B', 'A');
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', a)], [b]), logger });

    const call = harness.emulator.placeCall({ destination: '1000' });
    expect(await harness.summaryOf(call.bLegUuid)).toMatchObject({ outcome: 'error', versionId: 'A-v1' });
    const commands = harness.commands.get(call.bLegUuid) ?? [];
    // A, B, A, … : the main flow and 8 nested sub-flows each speak once, then the 9th call is refused.
    expect(commands.filter((command) => command.startsWith('execute speak'))).toEqual(
      ['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'A'].map((name) => `execute speak flite|kal|This is ${name}.`),
    );
    expect(commands.at(-1)).toBe('execute hangup NORMAL_TEMPORARY_FAILURE');
    expect((await call.finished).hangupCause).toBe('NORMAL_TEMPORARY_FAILURE');

    const chain = ['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B'];
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 40,
        chain,
        msg: `sub-flow "B" not started: sub-flow calls nested 8 deep (${chain.join(' → ')}); node call has no failed outlet, so the call ends`,
      }),
    );
    expect(harness.analytics.ended).toEqual([expect.objectContaining({ callId: call.bLegUuid, outcome: 'error', reason: expect.stringContaining('nested 8 deep') })]);
  });
});
