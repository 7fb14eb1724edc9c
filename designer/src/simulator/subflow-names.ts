import type { FlowDocument } from '@switchboard/flows';

/** The flows a document's `subflow` nodes call, by name, sorted and without repeats (not the document itself). */
export function subflowNames(document: FlowDocument): string[] {
  const names = new Set<string>();
  for (const node of document.nodes) if (node.type === 'subflow' && node.data.flow !== document.name) names.add(node.data.flow);
  return [...names].sort();
}
