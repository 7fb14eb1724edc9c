import type { FlowDocument, FlowNode } from '../src/document/schema.js';
import { parseFlowDocument } from '../src/document/parse.js';

/**
 * Test helper: build a flow document from nodes and `source:outlet->target` edge strings, validated through the
 * real schema (defaults applied), so tests read like the canvas.
 */
export function buildFlow(
  nodes: Array<{ id: string; type: FlowNode['type']; data?: Record<string, unknown> }>,
  edges: string[],
  extra: Partial<Pick<FlowDocument, 'languages' | 'variables' | 'name'>> = {},
): FlowDocument {
  const raw = {
    schemaVersion: 1,
    name: extra.name ?? 'Test flow',
    languages: extra.languages ?? ['en'],
    variables: extra.variables ?? [],
    nodes: nodes.map((n, i) => ({ id: n.id, type: n.type, position: { x: i * 200, y: 0 }, data: n.data ?? {} })),
    edges: edges.map((spec, i) => {
      const match = /^([^:]+):([^-]+)->(.+)$/.exec(spec);
      if (!match) throw new Error(`bad edge spec ${spec}`);
      return { id: `e${i}`, source: match[1], sourceOutlet: match[2], target: match[3] };
    }),
  };
  const parsed = parseFlowDocument(raw);
  if (!parsed.ok) throw new Error(`test flow does not parse: ${JSON.stringify(parsed.diagnostics, null, 2)}`);
  return parsed.document;
}

export const T0 = Date.UTC(2026, 10, 23, 10, 0, 0); // Monday 23 Nov 2026, 10:00 UTC
