import type { FlowDocument } from '../document/schema.js';
import type { DiagnosticSink } from '../diagnostics/diagnostic.js';
import type { CompiledNode } from '../compiler/compiled.js';
import { nodeDefinition } from '../nodes/registry.js';
import type { OutletSpec } from '../nodes/types.js';
import { stronglyConnectedComponents } from './scc.js';

/** Node types where a person picks up (directly or by calling back): what "0 for an agent" must reach. */
const HUMAN_NODE_TYPES = new Set(['queue', 'transfer', 'callback']);

/** Deeper than this many menus in a row is a warning (SB102). */
export const MENU_MAX_DEPTH = 2;

export interface GraphLintInput {
  document: FlowDocument;
  nodeIndex: ReadonlyMap<string, number>;
  outletsOf: ReadonlyMap<string, OutletSpec[]>;
  compiledNodes: Readonly<Record<string, CompiledNode>>;
  startId: string;
  sink: DiagnosticSink;
}

function successors(node: CompiledNode | undefined): string[] {
  if (!node) return [];
  const out: string[] = [];
  for (const target of Object.values(node.next)) if (target !== null && !out.includes(target)) out.push(target);
  return out;
}

function reachableFrom(startId: string, nodes: Readonly<Record<string, CompiledNode>>): Set<string> {
  const seen = new Set<string>([startId]);
  const queue = [startId];
  for (let i = 0; i < queue.length; i++) {
    for (const next of successors(nodes[queue[i] as string])) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/** Graph-wide best-practice rules: reachability, dead air, endless loops, menu depth, a way to a person. */
export function lintGraph(input: GraphLintInput): void {
  const { document, nodeIndex, outletsOf, compiledNodes, startId, sink } = input;
  const reachable = reachableFrom(startId, compiledNodes);
  const pathOf = (id: string) => `nodes[${nodeIndex.get(id) ?? -1}]`;

  for (const node of document.nodes) {
    if (!reachable.has(node.id)) {
      sink.report('SB201.unreachable', { nodeId: node.id, path: pathOf(node.id) }, { nodeType: node.type, node: node.id });
    }
  }

  // SB202: reachable outlets with nowhere to go.
  for (const id of reachable) {
    const compiled = compiledNodes[id];
    if (!compiled) continue;
    const seen = new Set<string>();
    for (const outlet of outletsOf.get(id) ?? []) {
      // Duplicate outlet names (a digit used twice, SB103) are reported once.
      if (seen.has(outlet.name)) continue;
      seen.add(outlet.name);
      if (compiled.next[outlet.name] !== null) continue;
      // An outlet with a fallback is covered by the report on its fallback.
      if (outlet.fallback !== undefined && !outlet.optional) continue;
      if (!outlet.optional) {
        sink.report('SB202.unconnected', { nodeId: id, path: `${pathOf(id)}.outlets.${outlet.name}` }, { outlet: outlet.label, nodeType: compiled.type, node: id });
      } else if (outlet.unconnected) {
        sink.report(outlet.unconnected, { nodeId: id, path: `${pathOf(id)}.outlets.${outlet.name}` }, {});
      }
    }
  }

  // SB203: a cycle the call can enter but never leave.
  const components = stronglyConnectedComponents([...reachable], (id) => successors(compiledNodes[id]));
  for (const component of components) {
    const members = new Set(component);
    const first = component[0] as string;
    const isCycle = component.length > 1 || successors(compiledNodes[first]).includes(first);
    if (!isCycle) continue;
    const canLeave = component.some((id) => {
      const node = compiledNodes[id];
      if (!node) return true;
      if (Object.keys(node.next).length === 0) return true; // ends the call (hangup, voicemail, return…)
      if (Object.values(node.next).some((t) => t === null)) return true; // optional outlet ends the call
      return successors(node).some((t) => !members.has(t));
    });
    if (!canLeave) {
      const ids = [...component].sort();
      sink.report('SB203.loopWithoutExit', { nodeId: ids[0] as string, path: pathOf(ids[0] as string) }, { nodes: ids.join(', ') });
    }
  }

  lintMenus(input, reachable);
  lintCallbacksWithoutQueue(input);
}

/**
 * SB207: a Callback step with no queue of its own calls back from the queue the caller was last routed to. A
 * caller who can reach it without passing any Queue step has no such queue, and every booking would fail.
 */
function lintCallbacksWithoutQueue(input: GraphLintInput): void {
  const { compiledNodes, startId, sink, nodeIndex } = input;
  const seen = new Set<string>([startId]);
  const pending = [startId];
  for (let i = 0; i < pending.length; i++) {
    const node = compiledNodes[pending[i] as string];
    // Past a Queue step the caller has a queue to be called back from.
    if (!node || node.type === 'queue') continue;
    for (const next of successors(node)) {
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(next);
    }
  }
  for (const id of seen) {
    const node = compiledNodes[id];
    if (node?.type !== 'callback' || (node.config as { queue?: unknown }).queue !== null) continue;
    sink.report(
      'SB207.callbackWithoutQueue',
      { nodeId: id, path: `nodes[${nodeIndex.get(id) ?? -1}].data.queue` },
      { node: id },
    );
  }
}

function lintMenus(input: GraphLintInput, reachable: ReadonlySet<string>): void {
  const { compiledNodes, startId, sink, nodeIndex } = input;
  // Menu depth: fewest menus passed before reaching each node (0-1 BFS), so "press 9 to go back" edges do not count.
  const depth = new Map<string, number>([[startId, 0]]);
  const deque: string[] = [startId];
  while (deque.length > 0) {
    const id = deque.shift() as string;
    const node = compiledNodes[id];
    const passed = (depth.get(id) ?? 0) + (node?.type === 'menu' ? 1 : 0);
    for (const next of successors(node)) {
      const known = depth.get(next);
      if (known === undefined || passed < known) {
        depth.set(next, passed);
        if (passed === (depth.get(id) ?? 0)) deque.unshift(next);
        else deque.push(next);
      }
    }
  }

  // Which nodes can reach a person: reverse reachability from queue/transfer/callback nodes.
  const predecessors = new Map<string, string[]>();
  for (const id of reachable) {
    for (const next of successors(compiledNodes[id])) {
      const list = predecessors.get(next) ?? [];
      list.push(id);
      predecessors.set(next, list);
    }
  }
  const reachesHuman = new Set<string>();
  const work = [...reachable].filter((id) => HUMAN_NODE_TYPES.has(compiledNodes[id]?.type ?? ''));
  for (const id of work) reachesHuman.add(id);
  for (let i = 0; i < work.length; i++) {
    for (const prev of predecessors.get(work[i] as string) ?? []) {
      if (!reachesHuman.has(prev)) {
        reachesHuman.add(prev);
        work.push(prev);
      }
    }
  }

  for (const id of reachable) {
    const node = compiledNodes[id];
    if (node?.type !== 'menu') continue;
    const path = `nodes[${nodeIndex.get(id) ?? -1}]`;
    const level = (depth.get(id) ?? 0) + 1;
    if (level > MENU_MAX_DEPTH) {
      sink.report('SB102.tooDeep', { nodeId: id, path }, { node: id, level, max: MENU_MAX_DEPTH });
    }
    if (!successors(node).some((next) => reachesHuman.has(next))) {
      sink.report('SB104.noAgent', { nodeId: id, path }, { node: id });
    }
  }
}
