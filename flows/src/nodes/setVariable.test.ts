import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import type { VariableDeclaration } from '../document/common.js';
import { start } from '../interpreter/interpreter.js';
import { buildFlow, T0 } from '../../test/build.js';
import { setVariableNode } from './setVariable.js';

const VARIABLES: VariableDeclaration[] = [
  { name: 'attempts', type: 'integer', initial: 2 },
  { name: 'score', type: 'number' },
  { name: 'summary', type: 'string' },
  { name: 'account', type: 'string', initial: 'unknown' },
  { name: 'vip', type: 'boolean' },
];

function setFlow(assignments: unknown[]) {
  return buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'set', type: 'setVariable', data: { assignments } },
      { id: 'end', type: 'hangup' },
    ],
    ['start:next->set', 'set:next->end'],
    { variables: VARIABLES },
  );
}

function run(assignments: unknown[], channel: Record<string, string> = {}) {
  const result = compileFlow(setFlow(assignments));
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return start(result.compiled, { callId: 'c1', caller: '+441632960000', dialled: '100', at: T0, channel });
}

describe('setVariable node', () => {
  it('assigns in order, each assignment seeing the ones before, and emits a setVariable effect per change', () => {
    const { state, effects } = run([
      { variable: 'attempts', expression: 'attempts + 1' },
      { variable: 'summary', expression: '"attempt " + string(attempts) + " from " + caller' },
      { variable: 'score', expression: 'attempts * 2' },
      { variable: 'vip', expression: 'attempts >= 3' },
    ]);
    expect(state.vars).toMatchObject({ attempts: 3, summary: 'attempt 3 from +441632960000', score: 6, vip: true });
    expect(effects.filter((e) => e.kind === 'setVariable')).toEqual([
      { kind: 'setVariable', name: 'attempts', value: 3 },
      { kind: 'setVariable', name: 'summary', value: 'attempt 3 from +441632960000' },
      { kind: 'setVariable', name: 'score', value: 6 },
      { kind: 'setVariable', name: 'vip', value: true },
    ]);
    expect(effects.at(-1)).toMatchObject({ kind: 'end', nodeId: 'end' });
  });

  it('stores a channel variable into a string variable, and leaves the variable alone when the channel lacks it', () => {
    const assignments = [{ variable: 'account', expression: 'channel.account_id' }];
    expect(run(assignments, { account_id: '00042' }).state.vars['account']).toBe('00042');
    const missing = run(assignments);
    expect(missing.state.vars['account']).toBe('unknown');
    expect(missing.effects.some((e) => e.kind === 'setVariable')).toBe(false);
    expect(missing.effects.at(-1)).toMatchObject({ kind: 'end', nodeId: 'end' });
  });

  it('checks each value type against the declared variable (SB132), and undeclared targets (SB134)', () => {
    const { diagnostics } = compileFlow(
      setFlow([
        { variable: 'attempts', expression: 'attempts / 2' },
        { variable: 'score', expression: 'attempts + 1' },
        { variable: 'attempts', expression: '1.5' },
        { variable: 'summary', expression: 'attempts' },
        { variable: 'vip', expression: '"yes"' },
        { variable: 'nowhere', expression: '"x"' },
        { variable: 'summary', expression: 'nope + "x"' },
      ]),
    );
    const at = (i: number, field: string) => `nodes[1].data.assignments[${i}].${field}`;
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.path]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ['SB132', at(2, 'expression')],
        ['SB132', at(3, 'expression')],
        ['SB132', at(4, 'expression')],
        ['SB134', at(5, 'variable')],
        ['SB131', at(6, 'expression')],
      ]),
    );
    // An integer expression fits both integer and number variables.
    expect(errors).not.toContainEqual(['SB132', at(0, 'expression')]);
    expect(errors).not.toContainEqual(['SB132', at(1, 'expression')]);
  });

  it('declares the variables it writes and its defaults compile once connected', () => {
    expect(setVariableNode.writes?.({ assignments: [{ variable: 'a', expression: '1' }, { variable: 'b', expression: '2' }] })).toEqual(['a', 'b']);
    const result = compileFlow(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'set', type: 'setVariable', data: setVariableNode.defaults() },
          { id: 'end', type: 'hangup' },
        ],
        ['start:next->set', 'set:next->end'],
      ),
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
