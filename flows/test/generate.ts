import fc from 'fast-check';
import type { FlowDocument } from '../src/document/schema.js';
import { NODE_TYPES, nodeRegistry } from '../src/nodes/registry.js';
import type { AnyNodeDefinition } from '../src/nodes/types.js';

const definitions = nodeRegistry as Record<string, AnyNodeDefinition>;
const bodyTypes = NODE_TYPES.filter((t) => t !== 'start');

/**
 * Build a schema-valid document with `types.length` nodes after the start node, every node with its default data.
 * `choices` decides, outlet by outlet, where each edge goes (or that it stays unconnected).
 */
export function documentFrom(types: readonly string[], choices: readonly number[], positions: readonly number[] = []): FlowDocument {
  const nodes = [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: definitions['start']!.defaults() }];
  types.forEach((type, i) => nodes.push({ id: `n${i}`, type, position: { x: positions[i] ?? i * 10, y: 0 }, data: definitions[type]!.defaults() }));
  const edges: Array<{ id: string; source: string; sourceOutlet: string; target: string }> = [];
  let c = 0;
  for (const node of nodes) {
    for (const outlet of definitions[node.type]!.outlets(node.data)) {
      const choice = choices[c++ % Math.max(choices.length, 1)] ?? 0;
      if (types.length === 0) continue;
      const pick = choice % (types.length + 1); // types.length means "leave unconnected"
      if (pick === types.length) continue;
      edges.push({ id: `e${edges.length}`, source: node.id, sourceOutlet: outlet.name, target: `n${pick}` });
    }
  }
  return { schemaVersion: 1, name: 'Generated', description: '', languages: ['en'], variables: [], nodes, edges } as unknown as FlowDocument;
}

/** Arbitrary schema-valid flow documents over the whole node catalog. */
export const arbitraryDocument: fc.Arbitrary<FlowDocument> = fc
  .tuple(fc.array(fc.constantFrom(...bodyTypes), { minLength: 0, maxLength: 25 }), fc.array(fc.nat(1000), { minLength: 1, maxLength: 80 }))
  .map(([types, choices]) => documentFrom(types, choices));
