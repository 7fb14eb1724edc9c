import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import { start } from '../interpreter/interpreter.js';
import type { CallStart } from '../interpreter/events.js';
import { buildFlow, T0 } from '../../test/build.js';
import { callerRoutingNode } from './callerRouting.js';

type ListSpec = { key: string; label?: string; numbers?: string[]; prefixes?: string[] };

function routingFlow(lists: ListSpec[], extra: Record<string, unknown> = {}) {
  const withLabels = lists.map((list) => ({ label: list.key, ...list }));
  return buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'who', type: 'callerRouting', data: { lists: withLabels, ...extra } },
      ...[...new Set(lists.map((list) => list.key)), 'default'].map((key) => ({ id: `to_${key}`, type: 'hangup' as const })),
    ],
    ['start:next->who', ...[...new Set(lists.map((list) => list.key)), 'default'].map((key) => `who:${key}->to_${key}`)],
  );
}

function compiled(lists: ListSpec[], extra?: Record<string, unknown>) {
  const result = compileFlow(routingFlow(lists, extra));
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.compiled;
}

function routeOf(flow: ReturnType<typeof compiled>, call: Partial<CallStart>): string | undefined {
  const { effects } = start(flow, { callId: 'c1', caller: '', dialled: '100', at: T0, ...call });
  const visits = effects.flatMap((e) => (e.kind === 'visit' ? [e.nodeId] : []));
  return visits[visits.indexOf('who') + 1]?.replace(/^to_/, '');
}

const standardLists: ListSpec[] = [
  { key: 'blocked', numbers: ['+44 7700 900123'], prefixes: ['+882'] },
  { key: 'vip', numbers: ['+44 (20) 7946-0001', '+1-212-555-0100'] },
  { key: 'uk', prefixes: ['+44'] },
];

describe('callerRouting node', () => {
  it('routes VIP and blocked numbers, UK callers by prefix and everyone else to default', () => {
    const flow = compiled(standardLists);
    expect(routeOf(flow, { caller: '+442079460001' })).toBe('vip');
    expect(routeOf(flow, { caller: '+12125550100' })).toBe('vip');
    expect(routeOf(flow, { caller: '+447700900123' })).toBe('blocked');
    expect(routeOf(flow, { caller: '+88216000000' })).toBe('blocked');
    expect(routeOf(flow, { caller: '+441632960999' })).toBe('uk');
    expect(routeOf(flow, { caller: '+33123456789' })).toBe('default');
    expect(routeOf(flow, { caller: '' })).toBe('default');
    expect(routeOf(flow, { caller: 'anonymous' })).toBe('default');
  });

  it('normalises the caller number the way it normalises the lists', () => {
    const flow = compiled(standardLists);
    expect(routeOf(flow, { caller: '+44 20 7946 0001' })).toBe('vip');
    expect(routeOf(flow, { caller: '+1 (212) 555-0100' })).toBe('vip');
  });

  it('lets the first matching list win, whether it matched by number or by prefix', () => {
    const prefixFirst = compiled([
      { key: 'uk', prefixes: ['+44'] },
      { key: 'vip', numbers: ['+442079460001'] },
    ]);
    expect(routeOf(prefixFirst, { caller: '+442079460001' })).toBe('uk');
    const numberFirst = compiled([
      { key: 'vip', numbers: ['+442079460001'] },
      { key: 'london', prefixes: ['+4420'] },
      { key: 'uk', prefixes: ['+44'] },
    ]);
    expect(routeOf(numberFirst, { caller: '+442079460001' })).toBe('vip');
    expect(routeOf(numberFirst, { caller: '+442079460002' })).toBe('london');
    expect(routeOf(numberFirst, { caller: '+441632960000' })).toBe('uk');
  });

  it('can match the dialled number or a channel variable instead of the caller', () => {
    const dialled = compiled([{ key: 'sales', numbers: ['0800 123 456'] }], { matchOn: 'dialled' });
    expect(routeOf(dialled, { caller: '0800123456', dialled: '999' })).toBe('default');
    expect(routeOf(dialled, { caller: '+1', dialled: '0800123456' })).toBe('sales');

    const channel = compiled([{ key: 'gold', numbers: ['12345'] }], { matchOn: 'channel', channelVariable: 'crm_account' });
    expect(routeOf(channel, { caller: '12345' })).toBe('default');
    expect(routeOf(channel, { caller: '+1', channel: { crm_account: '12345' } })).toBe('gold');
  });

  it('stays fast with thousands of numbers and prefixes', () => {
    const numbers = Array.from({ length: 20_000 }, (_, i) => `+4477009${String(i).padStart(5, '0')}`);
    const prefixes = Array.from({ length: 2_000 }, (_, i) => `+1${String(200 + i)}`);
    const flow = compiled([
      { key: 'vip', numbers },
      { key: 'na', prefixes },
    ]);
    const startedAt = performance.now();
    let vip = 0;
    for (let i = 0; i < 20_000; i++) if (routeOf(flow, { caller: `+4477009${String(i).padStart(5, '0')}` }) === 'vip') vip++;
    expect(vip).toBe(20_000);
    expect(routeOf(flow, { caller: '+12005550100' })).toBe('na');
    expect(routeOf(flow, { caller: '+4477009999999' })).toBe('default');
    // Generous bound for slow CI machines; a linear scan of 20,000 numbers per call would be far slower.
    expect(performance.now() - startedAt).toBeLessThan(2000);
  });

  it('reports duplicate keys, invalid numbers and prefixes, and empty lists at their paths', () => {
    const { diagnostics, ok } = compileFlow(
      routingFlow([
        { key: 'vip', numbers: ['+44 20 7946 0001', 'call me'] },
        { key: 'vip', prefixes: ['+'] },
        { key: 'empty' },
        { key: 'default', numbers: ['123'] },
      ]),
    );
    expect(ok).toBe(false);
    const found = diagnostics.map((d) => `${d.code} ${d.severity} ${d.nodeId} ${d.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'SB142 error who nodes[1].data.lists[0].numbers[1]',
        'SB141 error who nodes[1].data.lists[1].key',
        'SB142 error who nodes[1].data.lists[1].prefixes[0]',
        'SB143 warning who nodes[1].data.lists[2]',
        'SB141 error who nodes[1].data.lists[3].key',
      ]),
    );
  });

  it('needs a channel variable name when matching on a channel variable (SB144)', () => {
    const { diagnostics } = compileFlow(routingFlow([{ key: 'gold', numbers: ['1'] }], { matchOn: 'channel' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB144', nodeId: 'who', path: 'nodes[1].data.channelVariable' }));
  });

  it('compiles its defaults without errors (an empty VIP list is only a warning)', () => {
    const defaults = callerRoutingNode.defaults();
    const { diagnostics, ok } = compileFlow(routingFlow(defaults.lists));
    expect(ok).toBe(true);
    expect(diagnostics.map((d) => d.code)).toEqual(['SB143']);
  });
});
