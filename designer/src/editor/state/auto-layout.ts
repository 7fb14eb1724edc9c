import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { FlowDocument } from '@switchboard/flows';
import { outletsOf, type Position } from './document-edits';

export interface NodeSize {
  width: number;
  height: number;
}

/** Used for nodes the canvas has not measured yet (e.g. off screen). */
export const DEFAULT_NODE_SIZE: NodeSize = { width: 240, height: 120 };

/** ELK is large (1.6 MB): it is loaded the first time someone asks for a layout. */
let elk: Promise<{ layout(graph: ElkNode): Promise<ElkNode> }> | undefined;
function loadElk() {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK());
  return elk;
}

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '100',
  'elk.spacing.nodeNode': '40',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
};

const portId = (nodeId: string, outlet: string) => `${nodeId}\u0000${outlet}`;

/**
 * Left-to-right layered layout (ELK): Start on the left, each step to the right of the one before. Outlets
 * are ports in their on-node order, so a menu's branches stay in digit order. Returns the new top-left
 * position of every node.
 */
export async function layoutFlow(document: FlowDocument, sizes: ReadonlyMap<string, NodeSize>): Promise<Map<string, Position>> {
  const nodeIds = new Set(document.nodes.map((n) => n.id));
  const children: ElkNode[] = document.nodes.map((node) => {
    const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
    const outlets = outletsOf(node);
    return {
      id: node.id,
      width: size.width,
      height: size.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: [
        { id: portId(node.id, '\u0000in'), layoutOptions: { 'elk.port.side': 'WEST' } },
        ...outlets.map((outlet, index) => ({ id: portId(node.id, outlet.name), layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(outlets.length - index) } })),
      ],
    };
  });
  const ports = new Set(children.flatMap((c) => (c.ports ?? []).map((p) => p.id)));
  const edges: ElkExtendedEdge[] = document.edges
    .filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target) && ports.has(portId(edge.source, edge.sourceOutlet)))
    .map((edge) => ({ id: edge.id, sources: [portId(edge.source, edge.sourceOutlet)], targets: [portId(edge.target, '\u0000in')] }));
  const graph = await (await loadElk()).layout({ id: 'root', layoutOptions: LAYOUT_OPTIONS, children, edges });
  const positions = new Map<string, Position>();
  for (const child of graph.children ?? []) positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return positions;
}
