import type { Diagnostic, FlowDocument } from '@switchboard/flows';
import type { NodeIssueCount } from './canvas-mapping';

const NODE_DATA_PATH = /^nodes\[(\d+)\]\.data(?:\.|(?=\[)|$)(.*)$/;

/**
 * Where a diagnostic points inside a node's settings: the node id and the field path relative to its data
 * (`options[1].digit`, or `` for the whole node). Null when it is not about a node's settings.
 */
export function nodeFieldOf(diagnostic: Diagnostic, document: FlowDocument): { nodeId: string; field: string } | null {
  const match = NODE_DATA_PATH.exec(diagnostic.path);
  if (!match) return null;
  const node = document.nodes[Number(match[1])];
  if (!node || (diagnostic.nodeId !== undefined && diagnostic.nodeId !== node.id)) return null;
  return { nodeId: node.id, field: match[2] ?? '' };
}

/** Error and warning counts per node id, for the canvas badges. */
export function countIssuesByNode(diagnostics: readonly Diagnostic[]): Map<string, NodeIssueCount> {
  const counts = new Map<string, NodeIssueCount>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.nodeId === undefined) continue;
    const count = counts.get(diagnostic.nodeId) ?? { errors: 0, warnings: 0 };
    if (diagnostic.severity === 'error') count.errors++;
    else count.warnings++;
    counts.set(diagnostic.nodeId, count);
  }
  return counts;
}

/** Whether `field` is `prefix` itself or lies inside it (`options[1].digit` is inside `options[1]`). */
export function isFieldWithin(field: string, prefix: string): boolean {
  if (prefix === '') return true;
  return field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);
}
