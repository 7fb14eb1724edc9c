import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import { start } from '../interpreter/interpreter.js';
import { buildFlow, T0 } from '../../test/build.js';
import { splitNode } from './split.js';

function splitFlow(branches: Array<{ key: string; percent: number; label?: string }>, extraNodes: Array<{ id: string; type: 'split'; data: Record<string, unknown> }> = []) {
  return buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'ab', type: 'split', data: { branches } },
      ...extraNodes,
      ...branches.map((branch) => ({ id: `to_${branch.key}`, type: 'hangup' as const })),
    ],
    ['start:next->ab', ...branches.map((branch) => `ab:${branch.key}->to_${branch.key}`)],
  );
}

function compiled(branches: Array<{ key: string; percent: number }>) {
  const result = compileFlow(splitFlow(branches));
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.compiled;
}

function branchOf(flow: ReturnType<typeof compiled>, callId: string): string | undefined {
  const { effects } = start(flow, { callId, caller: '+441632960000', dialled: '100', at: T0 });
  const visits = effects.flatMap((e) => (e.kind === 'visit' ? [e.nodeId] : []));
  return visits[visits.indexOf('ab') + 1]?.replace(/^to_/, '');
}

/** Call ids shaped like the ones FreeSWITCH hands out (UUIDs), from a fixed seed. */
function uuids(count: number, seed = 42): string[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return Array.from({ length: count }, () => {
    const a = hex(next());
    const b = hex(next());
    const c = hex(next());
    const d = hex(next());
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  });
}

function shares(flow: ReturnType<typeof compiled>, ids: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of ids) {
    const branch = branchOf(flow, id) ?? 'none';
    counts[branch] = (counts[branch] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([key, n]) => [key, (100 * n) / ids.length]));
}

describe('split node', () => {
  it('splits 10,000 calls within ±2% of the targets, for UUID and sequential call ids', () => {
    const flow = compiled([
      { key: 'control', percent: 70 },
      { key: 'newMenu', percent: 20 },
      { key: 'pilot', percent: 10 },
    ]);
    for (const ids of [uuids(10_000), Array.from({ length: 10_000 }, (_, i) => `call-${i}`)]) {
      const result = shares(flow, ids);
      expect(result['control']).toBeGreaterThan(68);
      expect(result['control']).toBeLessThan(72);
      expect(result['newMenu']).toBeGreaterThan(18);
      expect(result['newMenu']).toBeLessThan(22);
      expect(result['pilot']).toBeGreaterThan(8);
      expect(result['pilot']).toBeLessThan(12);
    }
  });

  it('sends the same call down the same branch every time', () => {
    const flow = compiled([
      { key: 'a', percent: 50 },
      { key: 'b', percent: 50 },
    ]);
    for (const id of uuids(200, 7)) {
      const first = branchOf(flow, id);
      expect(first === 'a' || first === 'b').toBe(true);
      expect(branchOf(flow, id)).toBe(first);
      expect(branchOf(compiled([{ key: 'a', percent: 50 }, { key: 'b', percent: 50 }]), id)).toBe(first);
    }
  });

  it('lets two splits in one flow choose independently (the node id is part of the hash)', () => {
    const document = buildFlow(
      [
        { id: 'start', type: 'start' },
        { id: 'first', type: 'split', data: { branches: [{ key: 'a', percent: 50 }, { key: 'b', percent: 50 }] } },
        { id: 'second', type: 'split', data: { branches: [{ key: 'a', percent: 50 }, { key: 'b', percent: 50 }] } },
        { id: 'second_b', type: 'split', data: { branches: [{ key: 'a', percent: 50 }, { key: 'b', percent: 50 }] } },
        { id: 'aa', type: 'hangup' },
        { id: 'ab', type: 'hangup' },
        { id: 'ba', type: 'hangup' },
        { id: 'bb', type: 'hangup' },
      ],
      ['start:next->first', 'first:a->second', 'first:b->second_b', 'second:a->aa', 'second:b->ab', 'second_b:a->ba', 'second_b:b->bb'],
    );
    const result = compileFlow(document);
    if (!result.compiled) throw new Error('no compiled flow');
    const counts: Record<string, number> = {};
    for (const id of uuids(4000, 3)) {
      const { effects } = start(result.compiled, { callId: id, caller: '+1', dialled: '1', at: T0 });
      const where = effects.flatMap((e) => (e.kind === 'end' ? [e.nodeId ?? ''] : []))[0] ?? '';
      counts[where] = (counts[where] ?? 0) + 1;
    }
    // Independent 50/50 choices give four roughly equal quarters; correlated ones would leave two empty.
    for (const leaf of ['aa', 'ab', 'ba', 'bb']) expect(counts[leaf]).toBeGreaterThan(800);
  });

  it('never takes a 0% branch and always takes a 100% branch', () => {
    const flow = compiled([
      { key: 'off', percent: 0 },
      { key: 'on', percent: 100 },
    ]);
    expect(shares(flow, uuids(500))).toEqual({ on: 100 });
  });

  it('reports percentages that do not total 100 (SB140) and duplicate keys (SB141)', () => {
    const { diagnostics, ok } = compileFlow(
      splitFlow([
        { key: 'a', percent: 60 },
        { key: 'b', percent: 30 },
        { key: 'a', percent: 5.125 },
      ]),
    );
    expect(ok).toBe(false);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB140', nodeId: 'ab', path: 'nodes[1].data.branches', severity: 'error' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB140', nodeId: 'ab', path: 'nodes[1].data.branches[2].percent' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB141', nodeId: 'ab', path: 'nodes[1].data.branches[2].key', severity: 'error' }));
  });

  it('accepts fractional percentages that total 100, and compiles its defaults cleanly', () => {
    expect(compileFlow(splitFlow([{ key: 'a', percent: 33.33 }, { key: 'b', percent: 33.33 }, { key: 'c', percent: 33.34 }])).diagnostics).toEqual([]);
    expect(compileFlow(splitFlow(splitNode.defaults().branches)).diagnostics).toEqual([]);
  });
});
