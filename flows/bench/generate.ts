import type { FlowDocument } from '../src/document/schema.js';
import { NODE_TYPES, nodeRegistry } from '../src/nodes/registry.js';
import type { AnyNodeDefinition } from '../src/nodes/types.js';

const definitions = nodeRegistry as Record<string, AnyNodeDefinition>;

/**
 * A large, fully connected flow for benchmarks: `size` nodes cycling through every node type with default
 * settings, each outlet leading a little further down the chain, ending in a hang-up.
 */
export function largeFlow(size: number): FlowDocument {
  const body = NODE_TYPES.filter((t) => t !== 'start' && t !== 'hangup');
  const nodes: Array<{ id: string; type: string; position: { x: number; y: number }; data: unknown }> = [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: definitions['start']!.defaults() },
  ];
  for (let i = 1; i < size - 1; i++) {
    const type = body[i % body.length] as string;
    nodes.push({ id: `n${i}`, type, position: { x: (i % 40) * 220, y: Math.floor(i / 40) * 160 }, data: definitions[type]!.defaults() });
  }
  nodes.push({ id: 'end', type: 'hangup', position: { x: 0, y: size * 4 }, data: definitions['hangup']!.defaults() });
  const edges: FlowDocument['edges'] = [];
  nodes.forEach((node, index) => {
    definitions[node.type]!.outlets(node.data).forEach((outlet, k) => {
      const targetIndex = Math.min(index + 1 + (k % 3), nodes.length - 1);
      if (targetIndex === index) return;
      edges.push({ id: `e${edges.length}`, source: node.id, sourceOutlet: outlet.name, target: (nodes[targetIndex] as { id: string }).id });
    });
  });
  return {
    schemaVersion: 1,
    name: `Benchmark ${size}`,
    description: '',
    languages: ['en'],
    variables: [],
    nodes,
    edges,
  } as unknown as FlowDocument;
}
