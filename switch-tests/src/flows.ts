/**
 * Small purpose-built flow documents for the suite, written the way the designer saves them.
 */

/** A node as the document holds it (position filled in). */
export interface NodeSpec {
  readonly id: string;
  readonly type: string;
  readonly data?: Record<string, unknown>;
}

/** `[source, outlet, target]`. */
export type EdgeSpec = readonly [string, string, string];

/** A flow document named `name`: a start node wired to `first`, then `nodes` and `edges`. */
export function flowDocument(name: string, nodes: readonly NodeSpec[], edges: readonly EdgeSpec[], options: { languages?: string[]; variables?: unknown[] } = {}) {
  const all: NodeSpec[] = [{ id: 'start', type: 'start', data: {} }, ...nodes];
  const first = nodes[0]?.id;
  const allEdges: EdgeSpec[] = first ? [['start', 'next', first], ...edges] : [...edges];
  return {
    schemaVersion: 1,
    name,
    description: 'Purpose-built flow of the real-switch suite.',
    languages: options.languages ?? ['en'],
    variables: options.variables ?? [],
    nodes: all.map((node, index) => ({ id: node.id, type: node.type, position: { x: 0, y: index * 150 }, data: node.data ?? {} })),
    edges: allEdges.map(([source, sourceOutlet, target], index) => ({ id: `e${index}`, source, sourceOutlet, target })),
  };
}

/** An English text prompt. */
export function say(text: string): { text: { en: string } } {
  return { text: { en: text } };
}

/** A hangup node saying `goodbye` first (when given). */
export function hangupNode(id: string, goodbye?: string, cause = 'NORMAL_CLEARING'): NodeSpec {
  return { id, type: 'hangup', data: { ...(goodbye ? { goodbye: say(goodbye) } : {}), cause } };
}
