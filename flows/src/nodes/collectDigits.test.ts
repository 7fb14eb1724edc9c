import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import type { VariableDeclaration } from '../document/common.js';
import { start, step, type StepResult } from '../interpreter/interpreter.js';
import type { Effect } from '../interpreter/effects.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import { buildFlow, T0 } from '../../test/build.js';
import { collectDigitsNode } from './collectDigits.js';

const VARIABLES: VariableDeclaration[] = [
  { name: 'pin', type: 'string' },
  { name: 'count', type: 'integer' },
];

function collectFlow(data: Record<string, unknown>) {
  return buildFlow(
    [
      { id: 'start', type: 'start' },
      {
        id: 'pin',
        type: 'collectDigits',
        data: {
          prompt: { text: { en: 'Enter your four digit PIN, then hash.' } },
          variable: 'pin',
          minDigits: 4,
          maxDigits: 8,
          pattern: '[0-9]{4}',
          noInputPrompt: { text: { en: 'I did not hear anything.' } },
          invalidPrompt: { text: { en: 'That is not a valid PIN.' } },
          ...data,
        },
      },
      { id: 'thanks', type: 'hangup' },
      { id: 'giveUp', type: 'hangup' },
    ],
    ['start:next->pin', 'pin:ok->thanks', 'pin:failed->giveUp'],
    { variables: VARIABLES },
  );
}

function compiled(data: Record<string, unknown> = {}) {
  const result = compileFlow(collectFlow(data));
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

const call = { callId: 'c1', caller: '+441632960000', dialled: '100', at: T0 };
const visited = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'visit' ? [e.nodeId] : []));
const collectPrompts = (effects: Effect[]) => {
  const collect = effects.find((e) => e.kind === 'collectDigits');
  return collect?.kind === 'collectDigits' ? collect.prompts.map((p) => p.text) : undefined;
};

function press(flow: CompiledFlow, before: StepResult, digits: string, at: number): StepResult {
  return step(flow, before.state, { type: 'digits', digits, at, seq: before.state.pending?.seq });
}

describe('collectDigits node', () => {
  it('asks for digits with the configured limits and stores a valid entry (without the terminator), leaving by ok', () => {
    const flow = compiled({ timeoutSeconds: 7, interDigitTimeoutSeconds: 2 });
    const first = start(flow, call);
    expect(first.effects.find((e) => e.kind === 'collectDigits')).toEqual({
      kind: 'collectDigits',
      prompts: [{ language: 'en', text: 'Enter your four digit PIN, then hash.' }],
      minDigits: 4,
      maxDigits: 8,
      timeoutMs: 7000,
      interDigitTimeoutMs: 2000,
      terminator: '#',
      pattern: '^(?:[0-9]{4})$',
      seq: first.state.pending?.seq,
    });
    const entered = press(flow, first, '0042#', T0 + 4000);
    expect(entered.state.vars['pin']).toBe('0042');
    expect(entered.effects).toContainEqual({ kind: 'setVariable', name: 'pin', value: '0042' });
    expect(visited(entered.effects)).toEqual(['thanks']);
  });

  it('retries an entry that is too short or off-pattern with the invalid prompt, then leaves by failed', () => {
    const flow = compiled({ maxRetries: 2 });
    const first = start(flow, call);
    const short = press(flow, first, '12', T0 + 3000);
    expect(collectPrompts(short.effects)).toEqual(['That is not a valid PIN.', 'Enter your four digit PIN, then hash.']);
    // Five digits fit maxDigits but not the whole-entry pattern.
    const long = press(flow, short, '12345', T0 + 6000);
    expect(collectPrompts(long.effects)).toEqual(['That is not a valid PIN.', 'Enter your four digit PIN, then hash.']);
    const third = press(flow, long, '*1*2', T0 + 9000);
    expect(visited(third.effects)).toEqual(['giveUp']);
    expect(third.state.vars['pin']).toBe('');
  });

  it('retries silence with the no-input prompt and still accepts a good entry afterwards', () => {
    const flow = compiled({ maxRetries: 1 });
    const first = start(flow, call);
    const silence = step(flow, first.state, { type: 'noInput', at: T0 + 5000, seq: first.state.pending?.seq });
    expect(collectPrompts(silence.effects)).toEqual(['I did not hear anything.', 'Enter your four digit PIN, then hash.']);
    const entered = press(flow, silence, '1234', T0 + 9000);
    expect(visited(entered.effects)).toEqual(['thanks']);
    const again = step(flow, silence.state, { type: 'noInput', at: T0 + 10000, seq: silence.state.pending?.seq });
    expect(visited(again.effects)).toEqual(['giveUp']);
  });

  it('ignores digits answering an earlier prompt', () => {
    const flow = compiled();
    const first = start(flow, call);
    const stale = step(flow, first.state, { type: 'digits', digits: '1234', at: T0 + 1000, seq: 999 });
    expect(stale.effects).toEqual([]);
  });

  it('reports a bad pattern (SB111), impossible lengths (SB110) and a missing or non-string variable (SB134, SB132)', () => {
    const bad = compileFlow(collectFlow({ pattern: '[0-9{4', minDigits: 9, maxDigits: 4, variable: 'pni' })).diagnostics;
    expect(bad).toContainEqual(expect.objectContaining({ code: 'SB111', nodeId: 'pin', path: 'nodes[1].data.pattern', message: expect.stringMatching(/regular expression/i) }));
    expect(bad).toContainEqual(expect.objectContaining({ code: 'SB110', nodeId: 'pin', path: 'nodes[1].data.minDigits' }));
    expect(bad).toContainEqual(expect.objectContaining({ code: 'SB134', nodeId: 'pin', path: 'nodes[1].data.variable' }));
    const integer = compileFlow(collectFlow({ variable: 'count' })).diagnostics;
    expect(integer).toContainEqual(expect.objectContaining({ code: 'SB132', path: 'nodes[1].data.variable' }));
  });

  it('has ok/failed outlets, declares the variable it writes, and its defaults compile once connected (warning: digits not stored)', () => {
    const data = collectDigitsNode.defaults();
    expect(collectDigitsNode.outlets(data).map((o) => o.name)).toEqual(['ok', 'failed']);
    expect(collectDigitsNode.writes?.({ ...data, variable: 'pin' })).toEqual(['pin']);
    const result = compileFlow(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'digits', type: 'collectDigits', data },
          { id: 'end', type: 'hangup' },
        ],
        ['start:next->digits', 'digits:ok->end', 'digits:failed->end'],
      ),
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'SB112', severity: 'warning', path: 'nodes[1].data.variable' }));
  });
});
