import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import type { VariableDeclaration } from '../document/common.js';
import { start } from '../interpreter/interpreter.js';
import type { Effect } from '../interpreter/effects.js';
import { buildFlow, T0 } from '../../test/build.js';
import { conditionNode } from './condition.js';

const VARIABLES: VariableDeclaration[] = [
  { name: 'tier', type: 'string', initial: 'gold' },
  { name: 'balance', type: 'number', initial: 250 },
];

function conditionFlow(branches: unknown[], variables: VariableDeclaration[] = VARIABLES) {
  return buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'route', type: 'condition', data: { branches } },
      { id: 'first', type: 'hangup' },
      { id: 'second', type: 'hangup' },
      { id: 'fallback', type: 'hangup' },
    ],
    ['start:next->route', 'route:first->first', 'route:second->second', 'route:default->fallback'],
    { variables },
  );
}

function compiled(branches: unknown[], variables?: VariableDeclaration[]) {
  const result = compileFlow(conditionFlow(branches, variables));
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

const visited = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'visit' ? [e.nodeId] : []));
const call = { callId: 'c1', caller: '+441632960000', dialled: '100', at: T0 };

describe('condition node', () => {
  it('takes the first branch whose expression is true, in order', () => {
    const flow = compiled([
      { key: 'first', label: 'Gold', expression: 'tier == "gold"' },
      { key: 'second', label: 'Rich', expression: 'balance > 100.0' },
    ]);
    expect(visited(start(flow, call).effects)).toEqual(['start', 'route', 'first']);
  });

  it('skips false branches and uses the caller number built-in', () => {
    const flow = compiled([
      { key: 'first', label: 'Silver', expression: 'tier == "silver"' },
      { key: 'second', label: 'UK', expression: 'caller.startsWith("+44")' },
    ]);
    expect(visited(start(flow, call).effects)).toEqual(['start', 'route', 'second']);
  });

  it('takes default when no branch is true', () => {
    const flow = compiled([
      { key: 'first', label: 'Silver', expression: 'tier == "silver"' },
      { key: 'second', label: 'Poor', expression: 'balance < 0.0' },
    ]);
    expect(visited(start(flow, call).effects)).toEqual(['start', 'route', 'fallback']);
  });

  it('takes default, without throwing, when an expression fails at call time (missing channel variable)', () => {
    const flow = compiled([
      { key: 'first', label: 'VIP line', expression: 'channel.vip == "1"' },
      { key: 'second', label: 'Gold', expression: 'tier == "gold"' },
    ]);
    expect(visited(start(flow, call).effects)).toEqual(['start', 'route', 'fallback']);
    const withChannel = start(flow, { ...call, channel: { vip: '1' } });
    expect(visited(withChannel.effects)).toEqual(['start', 'route', 'first']);
  });

  it('reports syntax (SB130), unknown variable (SB131) and non-boolean (SB132) at the branch expression', () => {
    const { diagnostics, ok } = compileFlow(
      conditionFlow([
        { key: 'first', label: 'Broken', expression: 'tier ==' },
        { key: 'second', label: 'Typo', expression: 'teir == "gold"' },
        { key: 'third', label: 'Number', expression: 'balance * 2.0' },
      ]),
    );
    expect(ok).toBe(false);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB130', nodeId: 'route', path: 'nodes[1].data.branches[0].expression', severity: 'error' }));
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ code: 'SB131', nodeId: 'route', path: 'nodes[1].data.branches[1].expression', message: expect.stringContaining('teir') }),
    );
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ code: 'SB132', nodeId: 'route', path: 'nodes[1].data.branches[2].expression', message: expect.stringContaining('double') }),
    );
  });

  it('reports a duplicate or reserved branch key (SB141)', () => {
    const { diagnostics } = compileFlow(
      conditionFlow([
        { key: 'first', label: 'A', expression: 'true' },
        { key: 'first', label: 'B', expression: 'false' },
        { key: 'default', label: 'C', expression: 'false' },
      ]),
    );
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB141', path: 'nodes[1].data.branches[1].key' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB141', path: 'nodes[1].data.branches[2].key' }));
  });

  it('has one outlet per branch plus default, and its defaults compile once connected', () => {
    const data = conditionNode.defaults();
    expect(conditionNode.outlets(data).map((o) => o.name)).toEqual(['uk', 'default']);
    const result = compileFlow(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'route', type: 'condition', data },
          { id: 'end', type: 'hangup' },
        ],
        ['start:next->route', 'route:uk->end', 'route:default->end'],
      ),
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
