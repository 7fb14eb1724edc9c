import type { FlowDocument, FlowEdge, FlowNode } from '@switchboard/flows';
import { uniqueId } from './ids';

/** Room between a branch and its copy, below it; node heights vary, so this is more than the tallest usual node. */
export const DUPLICATE_GAP = 200;

/**
 * The nodes "Duplicate branch" copies: `rootId` and every node reachable from it that nothing outside the branch
 * reaches as well. A node that another part of the flow also leads to (a shared "Goodbye") is not copied, and
 * neither is anything after it: the copy links to the same shared node.
 */
export function branchNodeIds(document: FlowDocument, rootId: string): string[] {
  const next = new Map<string, string[]>();
  for (const edge of document.edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const reachable = new Set<string>([rootId]);
  const queue = [rootId];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const target of next.get(id) ?? []) {
      if (reachable.has(target)) continue;
      reachable.add(target);
      queue.push(target);
    }
  }
  // Shared: entered from outside the reachable set (not through the root), and everything after such a node.
  const shared = new Set<string>();
  const sharedQueue: string[] = [];
  for (const edge of document.edges) {
    if (reachable.has(edge.source) || !reachable.has(edge.target) || edge.target === rootId || shared.has(edge.target)) continue;
    shared.add(edge.target);
    sharedQueue.push(edge.target);
  }
  for (let id = sharedQueue.shift(); id !== undefined; id = sharedQueue.shift()) {
    for (const target of next.get(id) ?? []) {
      if (target === rootId || shared.has(target)) continue;
      shared.add(target);
      sharedQueue.push(target);
    }
  }
  return document.nodes.filter((n) => reachable.has(n.id) && !shared.has(n.id)).map((n) => n.id);
}

/**
 * Copy a branch (see {@link branchNodeIds}) with fresh ids, placed below the original. Edges inside the branch
 * lead between the copies; edges to shared nodes lead to the same shared node; nothing leads into the copy yet.
 * Returns null for a node that is not there or is the flow's Start (a flow has one entry).
 */
export function duplicateBranch(document: FlowDocument, rootId: string): { document: FlowDocument; nodeIds: string[]; rootId: string } | null {
  const root = document.nodes.find((n) => n.id === rootId);
  if (!root || root.type === 'start') return null;
  const ids = new Set(branchNodeIds(document, rootId));
  const originals = document.nodes.filter((n) => ids.has(n.id));
  const top = Math.min(...originals.map((n) => n.position.y));
  const bottom = Math.max(...originals.map((n) => n.position.y));
  const shift = bottom - top + DUPLICATE_GAP;

  const takenNodeIds = new Set(document.nodes.map((n) => n.id));
  const takenEdgeIds = new Set(document.edges.map((e) => e.id));
  const idMap = new Map<string, string>();
  const copies: FlowNode[] = originals.map((node) => {
    const id = uniqueId(node.type, takenNodeIds);
    idMap.set(node.id, id);
    return { ...structuredClone(node), id, position: { x: node.position.x, y: node.position.y + shift } };
  });
  const copiedEdges: FlowEdge[] = document.edges
    .filter((edge) => ids.has(edge.source))
    .map((edge) => ({
      id: uniqueId('e', takenEdgeIds),
      source: idMap.get(edge.source)!,
      sourceOutlet: edge.sourceOutlet,
      target: idMap.get(edge.target) ?? edge.target,
    }));
  return {
    document: { ...document, nodes: [...document.nodes, ...copies], edges: [...document.edges, ...copiedEdges] },
    nodeIds: copies.map((n) => n.id),
    rootId: idMap.get(rootId)!,
  };
}
