import type { Edge, Node } from '@xyflow/react';
import type { FlowDocument, FlowEdge, FlowNode } from '@switchboard/flows';
import type { OutletConnection } from './document-edits';

/** How the app shell marks nodes: a version diff, or a call's path in the simulator. */
export type NodeHighlight = 'added' | 'removed' | 'changed' | 'active' | 'visited';

/** Error and warning counts shown as a badge on a node. */
export interface NodeIssueCount {
  errors: number;
  warnings: number;
}

/** What a canvas node component receives: the document node itself plus its decorations. */
export interface CanvasNodeData extends Record<string, unknown> {
  node: FlowNode;
  issues: NodeIssueCount | undefined;
  highlight: NodeHighlight | undefined;
}

export type CanvasNode = Node<CanvasNodeData>;
export type CanvasEdge = Edge;

/** Id of the single target handle every enterable node has. Source handles are named after outlets. */
export const TARGET_HANDLE = 'in';

export function toCanvasEdge(edge: FlowEdge, selected = false): CanvasEdge {
  return { id: edge.id, source: edge.source, sourceHandle: edge.sourceOutlet, target: edge.target, targetHandle: TARGET_HANDLE, selected };
}

/** A connection dragged on the canvas, as a document edge needs it; null when it has no outlet. */
export function toOutletConnection(connection: { source: string | null; sourceHandle?: string | null; target: string | null }): OutletConnection | null {
  if (!connection.source || !connection.target || !connection.sourceHandle) return null;
  return { source: connection.source, sourceOutlet: connection.sourceHandle, target: connection.target };
}

export interface NodeDecorations {
  issues: ReadonlyMap<string, NodeIssueCount>;
  highlights: Readonly<Record<string, NodeHighlight>> | undefined;
}

/**
 * Canvas nodes for a document. Nodes whose document node and decorations did not change keep their previous
 * object, so memoised node components do not re-render and React Flow keeps their measured size.
 */
export function syncCanvasNodes(document: FlowDocument, previous: readonly CanvasNode[], decorations: NodeDecorations): CanvasNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return document.nodes.map((node) => {
    const old = before.get(node.id);
    const issues = decorations.issues.get(node.id);
    const highlight = decorations.highlights?.[node.id];
    // A node being dragged keeps the position under the pointer until the drag ends and reaches the document.
    const dragging = old?.dragging === true;
    if (old && old.data.node === node && sameIssues(old.data.issues, issues) && old.data.highlight === highlight && (dragging || samePosition(old, node))) return old;
    const next: CanvasNode = {
      id: node.id,
      type: node.type,
      position: dragging && old ? old.position : node.position,
      data: { node, issues, highlight },
      selected: old?.selected ?? false,
    };
    if (old?.measured) next.measured = old.measured;
    if (dragging) next.dragging = true;
    return next;
  });
}

/** Canvas edges for a document, keeping the selection the user made. */
export function syncCanvasEdges(document: FlowDocument, previous: readonly CanvasEdge[]): CanvasEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  return document.edges.map((edge) => {
    const old = before.get(edge.id);
    if (old && old.source === edge.source && old.sourceHandle === edge.sourceOutlet && old.target === edge.target) return old;
    return toCanvasEdge(edge, old?.selected ?? false);
  });
}

function sameIssues(a: NodeIssueCount | undefined, b: NodeIssueCount | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.errors === b.errors && a.warnings === b.warnings);
}

function samePosition(canvasNode: CanvasNode, node: FlowNode): boolean {
  return canvasNode.position.x === node.position.x && canvasNode.position.y === node.position.y;
}
