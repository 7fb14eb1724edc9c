import { nodeDefinition, type FlowDocument, type FlowEdge, type FlowNode, type NodeType, type OutletSpec } from '@switchboard/flows';
import { uniqueId } from './ids';

export interface Position {
  x: number;
  y: number;
}

/** A connection made on the canvas: from a node's named outlet to another node. */
export interface OutletConnection {
  source: string;
  sourceOutlet: string;
  target: string;
}

/** The outlets a node currently has, as the flows registry defines them. */
export function outletsOf(node: FlowNode): OutletSpec[] {
  return nodeDefinition(node.type)?.outlets(node.data) ?? [];
}

/** Add a node of `type` with its default settings. */
export function addNode(document: FlowDocument, type: NodeType, position: Position): { document: FlowDocument; nodeId: string } {
  const definition = nodeDefinition(type);
  if (!definition) throw new Error(`unknown node type "${type}"`);
  const nodeId = uniqueId(type, new Set(document.nodes.map((n) => n.id)));
  const node = { id: nodeId, type, position: { x: Math.round(position.x), y: Math.round(position.y) }, data: definition.defaults() } as FlowNode;
  return { document: { ...document, nodes: [...document.nodes, node] }, nodeId };
}

/** Delete nodes and edges; edges touching a deleted node go with it. */
export function removeElements(document: FlowDocument, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): FlowDocument {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return document;
  return {
    ...document,
    nodes: document.nodes.filter((n) => !nodes.has(n.id)),
    edges: document.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/**
 * Connect an outlet to a node. An outlet leads to exactly one next step, so an existing edge from the same
 * outlet is replaced; `replacingEdgeId` (a reconnected edge) is removed too.
 */
export function connectOutlet(document: FlowDocument, connection: OutletConnection, replacingEdgeId?: string): FlowDocument {
  const kept = document.edges.filter(
    (e) => e.id !== replacingEdgeId && !(e.source === connection.source && e.sourceOutlet === connection.sourceOutlet),
  );
  const reused = document.edges.find((e) => e.id === replacingEdgeId);
  const id = reused?.id ?? uniqueId('e', new Set(document.edges.map((e) => e.id)));
  const edge: FlowEdge = { id, source: connection.source, sourceOutlet: connection.sourceOutlet, target: connection.target };
  return { ...document, edges: [...kept, edge] };
}

/** Whether a connection may be made: only into nodes that can be entered (nothing leads back into Start). */
export function canConnect(document: FlowDocument, connection: Partial<OutletConnection>): boolean {
  if (!connection.source || !connection.target || !connection.sourceOutlet) return false;
  const target = document.nodes.find((n) => n.id === connection.target);
  const source = document.nodes.find((n) => n.id === connection.source);
  if (!target || !source || target.type === 'start') return false;
  return outletsOf(source).some((o) => o.name === connection.sourceOutlet);
}

/** Move nodes to new canvas positions (rounded to whole pixels: the document stays readable). */
export function moveNodes(document: FlowDocument, positions: ReadonlyMap<string, Position>): FlowDocument {
  if (positions.size === 0) return document;
  let changed = false;
  const nodes = document.nodes.map((node) => {
    const to = positions.get(node.id);
    if (!to) return node;
    const position = { x: Math.round(to.x), y: Math.round(to.y) };
    if (position.x === node.position.x && position.y === node.position.y) return node;
    changed = true;
    return { ...node, position };
  });
  return changed ? { ...document, nodes } : document;
}

/**
 * Keep edges attached when a node's outlets change with its settings. When the number of outlets is the same,
 * outlets are matched by position, so renaming a menu digit from 1 to 3 keeps the edge; otherwise edges whose
 * outlet no longer exists are dropped (their option was deleted).
 */
export function reconcileOutletEdges(nodeId: string, before: OutletSpec[], after: OutletSpec[], edges: FlowEdge[]): FlowEdge[] {
  const afterNames = new Set(after.map((o) => o.name));
  const renamed = new Map<string, string>();
  if (before.length === after.length) {
    before.forEach((outlet, index) => {
      const next = after[index]?.name;
      if (next !== undefined && next !== outlet.name) renamed.set(outlet.name, next);
    });
  }
  let changed = false;
  const result: FlowEdge[] = [];
  for (const edge of edges) {
    if (edge.source !== nodeId) {
      result.push(edge);
      continue;
    }
    const to = renamed.get(edge.sourceOutlet);
    if (to !== undefined) {
      changed = true;
      result.push({ ...edge, sourceOutlet: to });
    } else if (afterNames.has(edge.sourceOutlet)) result.push(edge);
    else changed = true;
  }
  return changed ? result : edges;
}

/** Replace a node's settings (already validated against its schema), keeping its edges attached. */
export function updateNodeData(document: FlowDocument, nodeId: string, data: unknown): FlowDocument {
  const index = document.nodes.findIndex((n) => n.id === nodeId);
  const node = document.nodes[index];
  if (!node) return document;
  const updated = { ...node, data } as FlowNode;
  const nodes = document.nodes.slice();
  nodes[index] = updated;
  const edges = reconcileOutletEdges(nodeId, outletsOf(node), outletsOf(updated), document.edges);
  return { ...document, nodes, edges };
}

/** Set or clear a node's display label (shown on the canvas instead of the type's title). */
export function updateNodeLabel(document: FlowDocument, nodeId: string, label: string): FlowDocument {
  return {
    ...document,
    nodes: document.nodes.map((node) => {
      if (node.id !== nodeId) return node;
      const { label: _previous, ...rest } = node;
      return (label.trim() === '' ? rest : { ...rest, label }) as FlowNode;
    }),
  };
}
