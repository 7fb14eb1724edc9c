import type { FlowDocument } from '@switchboard/flows';
import type { NodeHighlight } from '../../editor';
import type { FieldChange, VersionDiff } from '../api/trpc';

/** Whether a change is only a box moved on the canvas (no change to what callers hear). */
export function isLayoutOnly(changes: readonly FieldChange[]): boolean {
  return changes.every((change) => change.path === 'position' || change.path.startsWith('position.'));
}

/**
 * One canvas showing both versions: the newer document plus the nodes (and their edges) that were removed, with
 * every added, removed or changed node highlighted. A node that was only moved is not marked.
 */
export function diffCanvas(before: FlowDocument, after: FlowDocument, diff: VersionDiff): { document: FlowDocument; highlights: Record<string, NodeHighlight> } {
  const highlights: Record<string, NodeHighlight> = {};
  for (const node of diff.nodes.added) highlights[node.id] = 'added';
  for (const node of diff.nodes.changed) if (!isLayoutOnly(node.changes)) highlights[node.id] = 'changed';
  const removedIds = new Set(diff.nodes.removed.map((n) => n.id));
  for (const id of removedIds) highlights[id] = 'removed';

  const nodes = [...after.nodes, ...before.nodes.filter((n) => removedIds.has(n.id))];
  const present = new Set(nodes.map((n) => n.id));
  const edgeIds = new Set(after.edges.map((e) => e.id));
  const removedEdges = before.edges.filter((e) => !edgeIds.has(e.id) && (removedIds.has(e.source) || removedIds.has(e.target)) && present.has(e.source) && present.has(e.target));
  return { document: { ...after, nodes, edges: [...after.edges, ...removedEdges] } as FlowDocument, highlights };
}
