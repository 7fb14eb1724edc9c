import type { FlowDocument, FlowEdge, FlowNode } from '@switchboard/flows';
import { uniqueId } from './ids';

/** What Ctrl/Cmd+C keeps: the selected nodes and the edges between them. */
export interface ClipboardContent {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/** How far pasted nodes are shifted from the originals, so they do not hide them. */
export const PASTE_OFFSET = 40;

export function copyNodes(document: FlowDocument, nodeIds: Iterable<string>): ClipboardContent | null {
  const ids = new Set(nodeIds);
  const nodes = document.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = document.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return structuredClone({ nodes, edges });
}

/**
 * Paste copied nodes with fresh ids, shifted by `offset`. Edges between pasted nodes are kept. A Start node is
 * only pasted into a flow that has none (a flow has exactly one entry).
 */
export function pasteNodes(document: FlowDocument, content: ClipboardContent, offset = PASTE_OFFSET): { document: FlowDocument; nodeIds: string[] } {
  const hasStart = document.nodes.some((n) => n.type === 'start');
  const takenNodeIds = new Set(document.nodes.map((n) => n.id));
  const takenEdgeIds = new Set(document.edges.map((e) => e.id));
  const idMap = new Map<string, string>();
  const nodes: FlowNode[] = [];
  for (const node of content.nodes) {
    if (node.type === 'start' && hasStart) continue;
    const id = uniqueId(node.type, takenNodeIds);
    idMap.set(node.id, id);
    nodes.push({ ...structuredClone(node), id, position: { x: node.position.x + offset, y: node.position.y + offset } });
  }
  const edges: FlowEdge[] = [];
  for (const edge of content.edges) {
    const source = idMap.get(edge.source);
    const target = idMap.get(edge.target);
    if (source === undefined || target === undefined) continue;
    edges.push({ id: uniqueId('e', takenEdgeIds), source, sourceOutlet: edge.sourceOutlet, target });
  }
  return {
    document: { ...document, nodes: [...document.nodes, ...nodes], edges: [...document.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
  };
}
