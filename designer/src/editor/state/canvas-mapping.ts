import type { Edge, Node } from '@xyflow/react';
import type { FlowDocument, FlowEdge, FlowNode } from '@switchboard/flows';
import type { OutletConnection } from './document-edits';
import { estimateNodeGeometry } from './node-geometry';

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
 * object, so memoised node components do not re-render and React Flow keeps their measured size. Nodes never
 * measured carry an estimated size and handles ({@link estimateNodeGeometry}) until they are.
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
    else Object.assign(next, estimatedGeometry(node));
    if (dragging) next.dragging = true;
    return next;
  });
}

function estimatedGeometry(node: FlowNode): Pick<CanvasNode, 'initialWidth' | 'initialHeight' | 'handles'> {
  const { width, height, handles } = estimateNodeGeometry(node);
  return { initialWidth: width, initialHeight: height, handles };
}

/**
 * Drops the estimated handles of nodes the browser has just measured: React Flow takes handles given on a node
 * over the ones it measured, each time the node object changes.
 */
export function forgetEstimatesOnceMeasured(nodes: CanvasNode[], measuredIds: ReadonlySet<string>): CanvasNode[] {
  if (measuredIds.size === 0) return nodes;
  return nodes.map((node) => {
    if (!measuredIds.has(node.id) || !node.handles) return node;
    const { handles: _estimated, ...measured } = node;
    return measured;
  });
}

/**
 * Canvas edges for a document, keeping the selection the user made. The previous list itself when no edge
 * changed (an edit of a node's settings), so React Flow is not handed thousands of edges again.
 */
export function syncCanvasEdges(document: FlowDocument, previous: CanvasEdge[]): CanvasEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  let changed = previous.length !== document.edges.length;
  const next = document.edges.map((edge, index) => {
    const old = before.get(edge.id);
    const kept = old && old.source === edge.source && old.sourceHandle === edge.sourceOutlet && old.target === edge.target ? old : toCanvasEdge(edge, old?.selected ?? false);
    if (kept !== previous[index]) changed = true;
    return kept;
  });
  return changed ? next : previous;
}

function sameIssues(a: NodeIssueCount | undefined, b: NodeIssueCount | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.errors === b.errors && a.warnings === b.warnings);
}

function samePosition(canvasNode: CanvasNode, node: FlowNode): boolean {
  return canvasNode.position.x === node.position.x && canvasNode.position.y === node.position.y;
}
