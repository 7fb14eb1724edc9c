import type { FlowDocument, FlowEdge, FlowNode } from './document/schema.js';

/** One field that differs, by path relative to its owner (`data.options[1].digit`, `position.x`, `languages[1]`). */
export interface FieldChange {
  path: string;
  /** `undefined` when the field was added. */
  before: unknown;
  /** `undefined` when the field was removed. */
  after: unknown;
}

export interface NodeChange {
  id: string;
  type: string;
  changes: FieldChange[];
}

export interface EdgeChange {
  id: string;
  changes: FieldChange[];
}

/** What changed between two flow documents, node by node and edge by edge (matched by id). */
export interface FlowDiff {
  /** Flow-level fields: name, description, languages, variables, schemaVersion. */
  flow: FieldChange[];
  nodes: { added: FlowNode[]; removed: FlowNode[]; changed: NodeChange[] };
  edges: { added: FlowEdge[]; removed: FlowEdge[]; changed: EdgeChange[] };
  /** True when nothing at all differs (under the options given). */
  identical: boolean;
}

export interface DiffOptions {
  /** Report moved boxes (`position.x/y`) as changes. Default true; set false to see only behaviour changes. */
  includeLayout?: boolean;
}

/** Compares two flow documents. Pure and deterministic: output is ordered by document order, then path. */
export function diffFlowDocuments(before: FlowDocument, after: FlowDocument, options: DiffOptions = {}): FlowDiff {
  const includeLayout = options.includeLayout ?? true;
  const { nodes: _nodesBefore, edges: _edgesBefore, ...flowBefore } = before;
  const { nodes: _nodesAfter, edges: _edgesAfter, ...flowAfter } = after;
  const flow = diffValues(flowBefore, flowAfter, '');

  const nodes = diffById(before.nodes, after.nodes, (a, b) => {
    const { id: _a, ...restBefore } = a;
    const { id: _b, ...restAfter } = b;
    if (!includeLayout) {
      delete (restBefore as Partial<FlowNode>).position;
      delete (restAfter as Partial<FlowNode>).position;
    }
    const changes = diffValues(restBefore, restAfter, '');
    return changes.length === 0 ? undefined : { id: b.id, type: b.type, changes };
  });
  const edges = diffById(before.edges, after.edges, (a, b) => {
    const changes = diffValues(a, b, '');
    return changes.length === 0 ? undefined : { id: b.id, changes };
  });
  const identical =
    flow.length === 0 &&
    [nodes, edges].every((part) => part.added.length === 0 && part.removed.length === 0 && part.changed.length === 0);
  return { flow, nodes, edges, identical };
}

function diffById<T extends { id: string }, C>(
  before: readonly T[],
  after: readonly T[],
  compare: (a: T, b: T) => C | undefined,
): { added: T[]; removed: T[]; changed: C[] } {
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterIds = new Set(after.map((item) => item.id));
  const added: T[] = [];
  const changed: C[] = [];
  for (const item of after) {
    const previous = beforeById.get(item.id);
    if (previous === undefined) {
      added.push(item);
      continue;
    }
    const change = compare(previous, item);
    if (change !== undefined) changed.push(change);
  }
  const removed = before.filter((item) => !afterIds.has(item.id));
  return { added, removed, changed };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Field-level differences between two JSON values; arrays compare by index, objects by key. */
function diffValues(before: unknown, after: unknown, path: string): FieldChange[] {
  if (Object.is(before, after)) return [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      changes.push(...diffValues(i < before.length ? before[i] : undefined, i < after.length ? after[i] : undefined, join(path, i)));
    }
    return changes;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], join(path, key)));
  }
  return [{ path: path === '' ? '(value)' : path, before, after }];
}
