import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import type { Effect } from '../interpreter/effects.js';
import type { CallEvent } from '../interpreter/events.js';
import { start, step, type StepResult } from '../interpreter/interpreter.js';
import { buildFlow, T0 } from '../../test/build.js';
import { callbackNode, insideCallbackWindow, spokenNumber } from './callback.js';

const SECOND = 1000;

function flowWith(data: Record<string, unknown> = {}): CompiledFlow {
  const document = buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'cb', type: 'callback', data: { ...callbackNode.defaults(), ...data } },
      { id: 'booked', type: 'hangup' },
      { id: 'no', type: 'hangup', data: { goodbye: { text: { en: 'No problem. Goodbye.' } } } },
      { id: 'sorry', type: 'hangup', data: { goodbye: { text: { en: 'Please call again later.' } } } },
    ],
    ['start:next->cb', 'cb:scheduled->booked', 'cb:declined->no', 'cb:failed->sorry'],
  );
  const result = compileFlow(document);
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.compiled;
}

function answer(flow: CompiledFlow, result: StepResult, event: CallEvent): StepResult {
  return step(flow, result.state, { ...event, seq: result.state.pending?.seq } as CallEvent);
}

const prompts = (effects: Effect[]) =>
  effects.flatMap((e) => (e.kind === 'collectDigits' ? e.prompts.map((p) => p.text) : e.kind === 'play' ? [e.prompt.text] : []));
const visited = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'visit' ? [e.nodeId] : []));
const scheduled = (effects: Effect[]) => effects.find((e): e is Extract<Effect, { kind: 'scheduleCallback' }> => e.kind === 'scheduleCallback');
const endOf = (effects: Effect[]) => effects.find((e): e is Extract<Effect, { kind: 'end' }> => e.kind === 'end');

describe('callback node', () => {
  it('asks for a number straight away when the caller id is withheld, reads it back, then books it', () => {
    const flow = flowWith({ queue: 'sales@default' });
    let result = start(flow, { callId: 'c1', caller: 'anonymous', dialled: '100', at: T0 });
    expect(prompts(result.effects)).toEqual(['Please enter the number we should call, followed by the hash key.']);
    expect(result.effects).toContainEqual(expect.objectContaining({ kind: 'collectDigits', minDigits: 7, maxDigits: 15, terminator: '#' }));
    result = answer(flow, result, { type: 'digits', at: T0 + 10 * SECOND, digits: '02071234567#' });
    expect(prompts(result.effects)).toEqual(['We will call you back on 0 2 0 7 1 2 3 4 5 6 7. To confirm, press 1. To enter another number, press 2.']);
    result = answer(flow, result, { type: 'digits', at: T0 + 15 * SECOND, digits: '1' });
    // Not from a queue: nothing to keep, but it still goes to the configured queue.
    expect(scheduled(result.effects)).toMatchObject({ queue: 'sales@default', number: '02071234567', originalWaitSeconds: 0, priority: 0 });
  });

  it('lets the caller replace their number with another one', () => {
    const flow = flowWith({ queue: 'sales@default' });
    let result = start(flow, { callId: 'c1', caller: '+447700900123', dialled: '100', at: T0 });
    result = answer(flow, result, { type: 'digits', at: T0 + 5 * SECOND, digits: '2' });
    expect(prompts(result.effects)).toEqual(['Please enter the number we should call, followed by the hash key.']);
    result = answer(flow, result, { type: 'digits', at: T0 + 15 * SECOND, digits: '123#' });
    expect(result.effects).toContainEqual(expect.objectContaining({ kind: 'collectDigits', terminator: '#' }));
    result = answer(flow, result, { type: 'digits', at: T0 + 25 * SECOND, digits: '07700900999#' });
    result = answer(flow, result, { type: 'digits', at: T0 + 30 * SECOND, digits: '1' });
    expect(scheduled(result.effects)?.number).toBe('07700900999');
  });

  it('confirms the booking to the caller and records the call as a scheduled callback', () => {
    const flow = flowWith({ queue: 'sales@default' });
    let result = start(flow, { callId: 'c1', caller: '+447700900123', dialled: '100', at: T0 });
    result = answer(flow, result, { type: 'digits', at: T0 + 5 * SECOND, digits: '1' });
    result = answer(flow, result, { type: 'callbackResult', at: T0 + 6 * SECOND, ok: true, callbackId: 'cb-9' });
    expect(prompts(result.effects)).toEqual([
      'Thank you. You keep your place in the queue, and we will call you back on 0 7 7 0 0, 9 0 0 1 2 3 when it is your turn. Goodbye.',
    ]);
    result = answer(flow, result, { type: 'promptFinished', at: T0 + 12 * SECOND });
    expect(visited(result.effects)).toEqual(['booked']);
    expect(endOf(result.effects)?.outcome).toBe('callbackScheduled');
  });

  it('tells the caller they already have a callback booked, then leaves by scheduled: the request joined the earlier booking', () => {
    const flow = flowWith({ queue: 'sales@default' });
    let result = start(flow, { callId: 'c1', caller: '+447700900123', dialled: '100', at: T0 });
    result = answer(flow, result, { type: 'digits', at: T0 + 5 * SECOND, digits: '1' });
    result = answer(flow, result, { type: 'callbackResult', at: T0 + 6 * SECOND, ok: false, reason: 'alreadyScheduled' });
    expect(prompts(result.effects)).toEqual(['You already have a callback booked. We will call you as soon as it is your turn.']);
    result = answer(flow, result, { type: 'promptFinished', at: T0 + 10 * SECOND });
    expect(visited(result.effects)).toEqual(['booked']);
    expect(endOf(result.effects)?.outcome).toBe('callbackScheduled');
  });

  it('without an "already booked" message, a collapsed request hears the booking confirmation', () => {
    const flow = flowWith({ queue: 'sales@default', alreadyScheduledPrompt: undefined });
    let result = start(flow, { callId: 'c1', caller: '+447700900123', dialled: '100', at: T0 });
    result = answer(flow, result, { type: 'digits', at: T0 + 5 * SECOND, digits: '1' });
    result = answer(flow, result, { type: 'callbackResult', at: T0 + 6 * SECOND, ok: false, reason: 'alreadyScheduled' });
    expect(prompts(result.effects)[0]).toMatch(/^Thank you. You keep your place/);
  });

  it('says sorry and leaves by failed when the booking fails or there is no queue to call back from', () => {
    const flow = flowWith({ queue: 'sales@default' });
    let result = start(flow, { callId: 'c1', caller: '+447700900123', dialled: '100', at: T0 });
    result = answer(flow, result, { type: 'digits', at: T0 + 5 * SECOND, digits: '1' });
    result = answer(flow, result, { type: 'effectFailed', at: T0 + 6 * SECOND, message: 'database down' });
    expect(prompts(result.effects)).toEqual(['Sorry, we could not book your callback.']);

    const noQueue = flowWith();
    let direct = start(noQueue, { callId: 'c2', caller: '+447700900123', dialled: '100', at: T0 });
    direct = answer(noQueue, direct, { type: 'digits', at: T0 + 5 * SECOND, digits: '1' });
    expect(scheduled(direct.effects)).toBeUndefined();
    expect(prompts(direct.effects)).toEqual(['Sorry, we could not book your callback.']);
  });

  it('counts silence and wrong keys, and leaves by declined after the retries', () => {
    const flow = flowWith({ maxRetries: 1, invalidPrompt: { text: { en: 'Sorry, that key is not an option.' } } });
    let result = start(flow, { callId: 'c1', caller: '+447700900123', dialled: '100', at: T0 });
    result = answer(flow, result, { type: 'digits', at: T0 + 5 * SECOND, digits: '7' });
    expect(prompts(result.effects)[0]).toBe('Sorry, that key is not an option.');
    result = answer(flow, result, { type: 'noInput', at: T0 + 12 * SECOND });
    expect(visited(result.effects)).toEqual(['no']);
  });

  it('leaves by declined at once when the caller presses the decline key', () => {
    const flow = flowWith({ declineKey: '*' });
    let result = start(flow, { callId: 'c1', caller: '+447700900123', dialled: '100', at: T0 });
    result = answer(flow, result, { type: 'digits', at: T0 + 3 * SECOND, digits: '*' });
    expect(visited(result.effects)).toEqual(['no']);
  });

  it('hands the callback window to the scheduler in minutes, with sorted ISO weekdays', () => {
    const flow = flowWith({ queue: 'sales@default', window: { timezone: 'Europe/London', start: '09:00', end: '17:30', days: [5, 1, 3] } });
    let result = start(flow, { callId: 'c1', caller: '+447700900123', dialled: '100', at: T0 });
    result = answer(flow, result, { type: 'digits', at: T0 + 5 * SECOND, digits: '1' });
    expect(scheduled(result.effects)?.window).toEqual({ timezone: 'Europe/London', startMinute: 540, endMinute: 1050, days: [1, 3, 5] });
  });

  it('reports a bad callback window, number lengths and clashing keys (SB160)', () => {
    const document = buildFlow(
      [
        { id: 'start', type: 'start' },
        {
          id: 'cb',
          type: 'callback',
          data: { ...callbackNode.defaults(), minDigits: 12, maxDigits: 8, changeKey: '1', window: { timezone: 'Mars/Olympus', start: '18:00', end: '09:00', days: [] } },
        },
        { id: 'end', type: 'hangup' },
      ],
      ['start:next->cb', 'cb:scheduled->end', 'cb:declined->end', 'cb:failed->end'],
    );
    const { ok, diagnostics } = compileFlow(document);
    expect(ok).toBe(false);
    const at = (path: string) => expect.objectContaining({ code: 'SB160', nodeId: 'cb', severity: 'error', path: `nodes[1].data.${path}` });
    expect(diagnostics).toContainEqual(at('window.timezone'));
    expect(diagnostics).toContainEqual(at('window.end'));
    expect(diagnostics).toContainEqual(at('window.days'));
    expect(diagnostics).toContainEqual(at('minDigits'));
    expect(diagnostics).toContainEqual(at('changeKey'));
  });

  it('knows whether a moment falls inside the window, in the window\'s own time zone', () => {
    const window = { timezone: 'America/New_York', startMinute: 9 * 60, endMinute: 17 * 60, days: [1, 2, 3, 4, 5] };
    // T0 is Monday 10:00 UTC = 05:00 in New York: too early.
    expect(insideCallbackWindow(window, T0)).toBe(false);
    expect(insideCallbackWindow(window, T0 + 5 * 3600 * SECOND)).toBe(true);
    // Saturday.
    expect(insideCallbackWindow(window, T0 + 5 * 86400 * SECOND + 5 * 3600 * SECOND)).toBe(false);
  });
});

describe('callback node: lint for a callback with no queue to call back from (SB207)', () => {
  const nodes: Parameters<typeof buildFlow>[0] = [
    { id: 'start', type: 'start' },
    { id: 'q', type: 'queue', data: { queue: 'support@default', overflow: { maxCallersWaiting: 5 } } },
    { id: 'cb', type: 'callback', data: callbackNode.defaults() },
    { id: 'bye', type: 'hangup' },
  ];
  const sb207 = (edges: string[]) =>
    compileFlow(buildFlow(nodes, edges)).diagnostics.filter((d) => d.code === 'SB207').map((d) => ({ nodeId: d.nodeId, severity: d.severity, path: d.path }));
  const fromCallback = ['cb:scheduled->bye', 'cb:declined->bye', 'cb:failed->bye'];

  it('warns when callers can reach it without passing a Queue step', () => {
    expect(sb207(['start:next->cb', ...fromCallback, 'q:answered->bye', 'q:overflow->cb'])).toEqual([
      { nodeId: 'cb', severity: 'warning', path: expect.stringMatching(/^nodes\[2\]\.data\.queue$/) },
    ]);
  });

  it('is quiet when it is reached only through a queue, or names its own queue', () => {
    expect(sb207(['start:next->q', 'q:answered->bye', 'q:overflow->cb', ...fromCallback])).toEqual([]);
    const named = compileFlow(
      buildFlow([nodes[0]!, { ...nodes[2]!, data: { ...callbackNode.defaults(), queue: 'sales@default' } }, nodes[3]!], ['start:next->cb', ...fromCallback]),
    ).diagnostics;
    expect(named.filter((d) => d.code === 'SB207')).toEqual([]);
  });
});

describe('callback node: reading a number back', () => {
  it.each([
    ['+447700900123', '0 7 7 0 0, 9 0 0 1 2 3'],
    ['+12025550123', '2 0 2, 5 5 5, 0 1 2 3'],
    ['+8613800138000', '1 3 8, 0 0 1 3, 8 0 0 0'],
    ['+33612345678', '0 6, 1 2, 3 4, 5 6, 7 8'],
    // Not a possible number in international form, or typed by the caller: as entered, digit by digit.
    ['+15550100', '1 5 5 5 0 1 0 0'],
    ['07700900999', '0 7 7 0 0 9 0 0 9 9 9'],
  ])('%s is read as "%s"', (number, spoken) => {
    expect(spokenNumber(number)).toBe(spoken);
  });
});
