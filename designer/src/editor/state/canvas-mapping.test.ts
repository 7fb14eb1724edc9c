import { describe, expect, it } from 'vitest';
import { supportLineFlow } from '../examples/support-line';
import { syncCanvasEdges, syncCanvasNodes, toCanvasEdge, toOutletConnection, TARGET_HANDLE } from './canvas-mapping';
import { updateNodeLabel } from './document-edits';

const noDecorations = { issues: new Map(), highlights: undefined };

describe('edge ↔ document mapping', () => {
  it('maps a document edge to a canvas edge leaving the outlet handle', () => {
    expect(toCanvasEdge({ id: 'e_9', source: 'support_queue', sourceOutlet: 'overflow', target: 'offer_callback' })).toEqual({
      id: 'e_9',
      source: 'support_queue',
      sourceHandle: 'overflow',
      target: 'offer_callback',
      targetHandle: TARGET_HANDLE,
      selected: false,
    });
  });

  it('maps a dragged connection back to source, outlet and target', () => {
    expect(toOutletConnection({ source: 'main_menu', sourceHandle: '0', target: 'support_queue' })).toEqual({ source: 'main_menu', sourceOutlet: '0', target: 'support_queue' });
    expect(toOutletConnection({ source: 'main_menu', sourceHandle: null, target: 'support_queue' })).toBeNull();
  });

  it('round-trips every edge of a document', () => {
    const document = supportLineFlow();
    const back = syncCanvasEdges(document, []).map((edge) => ({ id: edge.id, ...toOutletConnection(edge) }));
    expect(back).toEqual(document.edges);
  });

  it('reuses unchanged canvas nodes so they do not re-render, and keeps their measured size', () => {
    const document = supportLineFlow();
    const first = syncCanvasNodes(document, [], noDecorations).map((n) => ({ ...n, measured: { width: 200, height: 100 } }));
    const edited = updateNodeLabel(document, 'goodbye', 'Bye');
    const second = syncCanvasNodes(edited, first, noDecorations);
    expect(second.find((n) => n.id === 'main_menu')).toBe(first.find((n) => n.id === 'main_menu'));
    const goodbye = second.find((n) => n.id === 'goodbye');
    expect(goodbye).not.toBe(first.find((n) => n.id === 'goodbye'));
    expect(goodbye?.measured).toEqual({ width: 200, height: 100 });
    expect(goodbye?.data.node.label).toBe('Bye');
  });

  it('keeps a node under the pointer while it is dragged, even when its decorations change', () => {
    const document = supportLineFlow();
    const first = syncCanvasNodes(document, [], noDecorations).map((n) => (n.id === 'goodbye' ? { ...n, position: { x: 1, y: 2 }, dragging: true } : n));
    const second = syncCanvasNodes(document, first, { issues: new Map([['goodbye', { errors: 1, warnings: 0 }]]), highlights: undefined });
    expect(second.find((n) => n.id === 'goodbye')?.position).toEqual({ x: 1, y: 2 });
    expect(second.find((n) => n.id === 'goodbye')?.data.issues).toEqual({ errors: 1, warnings: 0 });
  });

  it('puts issue counts and highlights on the nodes they belong to', () => {
    const nodes = syncCanvasNodes(supportLineFlow(), [], { issues: new Map([['hours', { errors: 1, warnings: 0 }]]), highlights: { goodbye: 'changed' } });
    expect(nodes.find((n) => n.id === 'hours')?.data.issues).toEqual({ errors: 1, warnings: 0 });
    expect(nodes.find((n) => n.id === 'goodbye')?.data.highlight).toBe('changed');
    expect(nodes.find((n) => n.id === 'start')?.data.issues).toBeUndefined();
  });
});
