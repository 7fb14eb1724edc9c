import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import { buildFlow, T0 } from '../../test/build.js';
import { predictStep, start, step } from './interpreter.js';
import type { Effect } from './effects.js';

function compiled(document: ReturnType<typeof buildFlow>): CompiledFlow {
  const result = compileFlow(document);
  if (!result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

/** The effects without the timestamps they carry: what may differ between a prediction and the real step. */
const untimed = (effects: readonly Effect[]) => effects.map((effect) => ('at' in effect ? { ...effect, at: 0 } : effect));

const weekdays = { monday: [{ open: '09:00', close: '17:00' }], tuesday: [{ open: '09:00', close: '17:00' }], wednesday: [{ open: '09:00', close: '17:00' }], thursday: [{ open: '09:00', close: '17:00' }], friday: [{ open: '09:00', close: '17:00' }] };

const twoPromptsThenHours = () =>
  compiled(
    buildFlow(
      [
        { id: 'start', type: 'start' },
        { id: 'welcome', type: 'announcement', data: { prompt: { text: { en: 'Welcome' } } } },
        { id: 'recorded', type: 'announcement', data: { prompt: { text: { en: 'Calls are recorded' } } } },
        { id: 'hours', type: 'schedule', data: { timezone: 'UTC', weekly: weekdays } },
        { id: 'open', type: 'announcement', data: { prompt: { text: { en: 'We are open' } } } },
        { id: 'closed', type: 'announcement', data: { prompt: { text: { en: 'We are closed' } } } },
        { id: 'bye', type: 'hangup' },
      ],
      ['start:next->welcome', 'welcome:next->recorded', 'recorded:next->hours', 'hours:open->open', 'hours:closed->closed', 'open:next->bye', 'closed:next->bye'],
    ),
  );

describe('predictStep', () => {
  it('foresees the next prompt after one that plays to its end, as the real step later does it', () => {
    const flow = twoPromptsThenHours();
    const first = start(flow, { callId: 'c1', caller: '1', dialled: '2', at: T0 });
    const predicted = predictStep(flow, first.state, { type: 'promptFinished', at: T0 + 10, seq: 1 });
    const real = step(flow, first.state, { type: 'promptFinished', at: T0 + 4_000, seq: 1 });
    expect(predicted.timeDependent).toBe(false);
    expect(predicted.result.effects.map((effect) => effect.kind)).toEqual(['visit', 'play']);
    expect(untimed(predicted.result.effects)).toEqual(untimed(real.effects));
  });

  it('says when a node decided by the time: a schedule after the prompt', () => {
    const flow = twoPromptsThenHours();
    const first = start(flow, { callId: 'c1', caller: '1', dialled: '2', at: T0 });
    const second = step(flow, first.state, { type: 'promptFinished', at: T0 + 10, seq: 1 });
    const predicted = predictStep(flow, second.state, { type: 'promptFinished', at: T0 + 20, seq: 2 });
    expect(predicted.timeDependent).toBe(true);
  });

  it('changes nothing it is given and matches step exactly at the same time', () => {
    const flow = twoPromptsThenHours();
    const first = start(flow, { callId: 'c1', caller: '1', dialled: '2', at: T0 });
    const before = JSON.stringify(first.state);
    const event = { type: 'promptFinished', at: T0 + 10, seq: 1 } as const;
    expect(predictStep(flow, first.state, event).result).toEqual(step(flow, first.state, event));
    expect(JSON.stringify(first.state)).toBe(before);
  });

  it('foresees nothing for a stale answer', () => {
    const flow = twoPromptsThenHours();
    const first = start(flow, { callId: 'c1', caller: '1', dialled: '2', at: T0 });
    const predicted = predictStep(flow, first.state, { type: 'promptFinished', at: T0 + 10, seq: 7 });
    expect(predicted).toEqual({ result: { state: first.state, effects: [] }, timeDependent: false });
  });
});
