import { describe, expect, it } from 'vitest';
import { compileFlow, type FlowNodeOf } from '@switchboard/flows';
import { supportLineFlow } from '../examples/support-line';
import { addNode, canConnect, connectOutlet, moveNodes, reconcileOutletEdges, removeElements, updateNodeData, updateNodeLabel } from './document-edits';

describe('document edits', () => {
  it('adds a node with its defaults and a fresh id', () => {
    const { document, nodeId } = addNode(supportLineFlow(), 'menu', { x: 10.4, y: 20.6 });
    const node = document.nodes.find((n) => n.id === nodeId);
    expect(nodeId).toBe('menu_1');
    expect(node?.position).toEqual({ x: 10, y: 21 });
    expect((node as FlowNodeOf<'menu'>).data.options.map((o) => o.digit)).toEqual(['1', '2', '0']);
  });

  it('gives an outlet exactly one edge: connecting it again replaces the old edge', () => {
    const before = supportLineFlow();
    const after = connectOutlet(before, { source: 'main_menu', sourceOutlet: '1', target: 'goodbye' });
    const fromOutlet = after.edges.filter((e) => e.source === 'main_menu' && e.sourceOutlet === '1');
    expect(fromOutlet).toHaveLength(1);
    expect(fromOutlet[0]?.target).toBe('goodbye');
    expect(after.edges).toHaveLength(before.edges.length);
    expect(compileFlow(after).diagnostics.filter((d) => d.code === 'SB006')).toEqual([]);
  });

  it('reconnecting an edge moves it and keeps its id', () => {
    const after = connectOutlet(supportLineFlow(), { source: 'main_menu', sourceOutlet: 'invalid', target: 'goodbye' }, 'e_7');
    expect(after.edges.find((e) => e.id === 'e_7')).toEqual({ id: 'e_7', source: 'main_menu', sourceOutlet: 'invalid', target: 'goodbye' });
    expect(after.edges.some((e) => e.source === 'main_menu' && e.sourceOutlet === 'noInput')).toBe(false);
  });

  it('refuses connections into Start and from outlets a node does not have', () => {
    const document = supportLineFlow();
    expect(canConnect(document, { source: 'goodbye', sourceOutlet: 'next', target: 'start' })).toBe(false);
    expect(canConnect(document, { source: 'main_menu', sourceOutlet: '7', target: 'goodbye' })).toBe(false);
    expect(canConnect(document, { source: 'main_menu', sourceOutlet: 'invalid', target: 'goodbye' })).toBe(true);
  });

  it('deletes the edges of deleted nodes', () => {
    const after = removeElements(supportLineFlow(), ['support_queue']);
    expect(after.nodes.some((n) => n.id === 'support_queue')).toBe(false);
    expect(after.edges.some((e) => e.source === 'support_queue' || e.target === 'support_queue')).toBe(false);
    expect(compileFlow(after).diagnostics.some((d) => d.code === 'SB004')).toBe(false);
  });

  it('keeps an edge when a menu digit is renamed and drops it when the option is removed', () => {
    const document = supportLineFlow();
    const menu = document.nodes.find((n) => n.id === 'main_menu') as FlowNodeOf<'menu'>;
    const renamed = updateNodeData(document, 'main_menu', { ...menu.data, options: menu.data.options.map((o) => (o.digit === '2' ? { ...o, digit: '3' as const } : o)) });
    expect(renamed.edges.find((e) => e.id === 'e_5')?.sourceOutlet).toBe('3');

    const removed = updateNodeData(document, 'main_menu', { ...menu.data, options: menu.data.options.filter((o) => o.digit !== '1') });
    expect(removed.edges.some((e) => e.id === 'e_4')).toBe(false);
    expect(removed.edges.some((e) => e.id === 'e_5')).toBe(true);
  });

  it('matches outlets by position only when their number stays the same', () => {
    const edges = [{ id: 'a', source: 'n', sourceOutlet: 'x', target: 't' }];
    expect(reconcileOutletEdges('n', [{ name: 'x', label: '' }], [{ name: 'y', label: '' }], edges)[0]?.sourceOutlet).toBe('y');
    expect(reconcileOutletEdges('n', [{ name: 'x', label: '' }], [{ name: 'y', label: '' }, { name: 'z', label: '' }], edges)).toEqual([]);
  });

  it('moves nodes and sets or clears labels', () => {
    const moved = moveNodes(supportLineFlow(), new Map([['goodbye', { x: 5.2, y: 7.7 }]]));
    expect(moved.nodes.find((n) => n.id === 'goodbye')?.position).toEqual({ x: 5, y: 8 });
    const labelled = updateNodeLabel(moved, 'goodbye', 'Bye');
    expect(labelled.nodes.find((n) => n.id === 'goodbye')?.label).toBe('Bye');
    expect('label' in (updateNodeLabel(labelled, 'goodbye', ' ').nodes.find((n) => n.id === 'goodbye') ?? {})).toBe(false);
  });
});
