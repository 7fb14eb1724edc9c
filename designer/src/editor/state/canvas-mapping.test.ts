import { describe, expect, it } from 'vitest';
import { supportLineFlow } from '../examples/support-line';
import { forgetEstimatesOnceMeasured, syncCanvasEdges, syncCanvasNodes, toCanvasEdge, toOutletConnection, TARGET_HANDLE } from './canvas-mapping';
import { outletsOf, updateNodeLabel } from './document-edits';

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

  it('hands back the same edge list when an edit changed no edge', () => {
    const document = supportLineFlow();
    const edges = syncCanvasEdges(document, []);
    expect(syncCanvasEdges(updateNodeLabel(document, 'goodbye', 'Bye'), edges)).toBe(edges);
    const fewer = { ...document, edges: document.edges.slice(1) };
    expect(syncCanvasEdges(fewer, edges)).toHaveLength(document.edges.length - 1);
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

describe('nodes never measured', () => {
  it('carry an estimated size and handles, so edges to nodes off screen can be drawn before they are', () => {
    const nodes = syncCanvasNodes(supportLineFlow(), [], noDecorations);
    const menu = nodes.find((n) => n.id === 'main_menu')!;
    expect(menu.initialWidth).toBeGreaterThan(0);
    expect(menu.initialHeight).toBeGreaterThan(0);
    const outlets = outletsOf(menu.data.node).map((o) => o.name);
    expect(menu.handles?.filter((h) => h.type === 'source').map((h) => h.id)).toEqual(outlets);
    expect(menu.handles?.filter((h) => h.type === 'target').map((h) => h.id)).toEqual([TARGET_HANDLE]);
    // Outlets top to bottom, on the right edge; the inlet on the left.
    const ys = menu.handles!.filter((h) => h.type === 'source').map((h) => h.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(nodes.find((n) => n.id === 'start')?.handles?.some((h) => h.type === 'target')).toBe(false);
  });

  it('lose the estimated handles once measured, and are not given new ones after edits', () => {
    const document = supportLineFlow();
    const first = syncCanvasNodes(document, [], noDecorations);
    const measured = forgetEstimatesOnceMeasured(first.map((n) => (n.id === 'goodbye' ? { ...n, measured: { width: 200, height: 90 } } : n)), new Set(['goodbye']));
    expect(measured.find((n) => n.id === 'goodbye')?.handles).toBeUndefined();
    expect(measured.find((n) => n.id === 'main_menu')).toBe(first.find((n) => n.id === 'main_menu'));
    const edited = syncCanvasNodes(updateNodeLabel(document, 'goodbye', 'Bye'), measured, noDecorations);
    expect(edited.find((n) => n.id === 'goodbye')?.handles).toBeUndefined();
    expect(edited.find((n) => n.id === 'goodbye')?.measured).toEqual({ width: 200, height: 90 });
  });
});
