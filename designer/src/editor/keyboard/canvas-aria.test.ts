import { describe, expect, it } from 'vitest';
import type { Edge } from '@xyflow/react';
import type { FlowNode } from '@switchboard/flows';
import { edgeLabeller } from './canvas-aria';

const step = (id: string, label?: string) => ({ id, type: 'say', position: { x: 0, y: 0 }, data: {}, ...(label ? { label } : {}) }) as unknown as FlowNode;

describe('edgeLabeller', () => {
  it('labels an edge once while it and its end steps stay the same, and again when an end step changes', () => {
    const calls: string[] = [];
    const label = edgeLabeller<Edge>((edge, nodes) => {
      calls.push(edge.id);
      return `${nodes.get(edge.source)?.label ?? edge.source} → ${nodes.get(edge.target)?.label ?? edge.target}`;
    });
    const edge: Edge = { id: 'e1', source: 'a', target: 'b', sourceHandle: 'next' };
    const nodes = new Map([['a', step('a', 'Welcome')], ['b', step('b')]]);

    const first = label(edge, nodes);
    expect(first.ariaLabel).toBe('Welcome → b');
    expect(first.domAttributes).toMatchObject({ 'data-source': 'a', 'data-target': 'b', 'data-outlet': 'next' });
    // A zoom step or a keystroke elsewhere: same edge, same steps — same object, no i18n call.
    expect(label(edge, new Map(nodes))).toBe(first);
    expect(calls).toEqual(['e1']);

    // The source step renamed: labelled again.
    const renamed = label(edge, new Map([...nodes, ['a', step('a', 'Hello')]]));
    expect(renamed.ariaLabel).toBe('Hello → b');
    expect(calls).toEqual(['e1', 'e1']);
  });

  it('keeps the labelled object when an end step changed but the label did not', () => {
    const label = edgeLabeller<Edge>(() => 'same');
    const edge: Edge = { id: 'e1', source: 'a', target: 'b' };
    const first = label(edge, new Map([['a', step('a')]]));
    expect(label(edge, new Map([['a', step('a')]]))).toBe(first);
  });
});
