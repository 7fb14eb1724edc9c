import type { CompiledFlow } from '../compiler/compiled.js';
import { DiagnosticSink, type Diagnostic } from '../diagnostics/diagnostic.js';
import { stronglyConnectedComponents } from './scc.js';

/**
 * Cross-flow checks for sub-flow calls: every referenced flow exists (SB302) and no flows call each other in a
 * cycle (SB301, one diagnostic per cycle, naming it: `main-menu → billing → main-menu`). `flows` maps each flow
 * name to the sub-flows it calls. A flow calling itself is SB303, which the compiler reports on the node.
 */
export function checkSubflowReferences(flows: ReadonlyMap<string, readonly string[]>): Diagnostic[] {
  const sink = new DiagnosticSink();
  for (const [name, calls] of flows) {
    for (const callee of calls) {
      if (!flows.has(callee)) sink.report('SB302.missingSubflow', { path: `flows["${name}"]` }, { flow: name, callee });
    }
  }
  const components = stronglyConnectedComponents([...flows.keys()], (name) => (flows.get(name) ?? []).filter((c) => flows.has(c)));
  for (const component of components) {
    if (component.length < 2) continue;
    const first = [...component].sort()[0] as string;
    const cycle = findSubflowCycle(flows, first);
    if (cycle) sink.items.push(subflowCycleDiagnostic(cycle));
  }
  return sink.items;
}

/**
 * The shortest chain of sub-flow calls that leads from `start` back to `start`, as flow names beginning and ending
 * with `start` (`["main-menu", "billing", "main-menu"]`), or null when no call chain returns to it. A flow calling
 * itself gives `[start, start]`.
 */
export function findSubflowCycle(flows: ReadonlyMap<string, readonly string[]>, start: string): string[] | null {
  const cameFrom = new Map<string, string>();
  const queue: string[] = [start];
  for (let i = 0; i < queue.length; i++) {
    const current = queue[i] as string;
    for (const callee of flows.get(current) ?? []) {
      if (callee === start) {
        const between: string[] = [];
        for (let at = current; at !== start; at = cameFrom.get(at) as string) between.unshift(at);
        return [start, ...between, start];
      }
      if (cameFrom.has(callee)) continue;
      cameFrom.set(callee, current);
      queue.push(callee);
    }
  }
  return null;
}

/** `main-menu → billing → main-menu`: how diagnostics and errors name a cycle of sub-flow calls. */
export function describeSubflowCycle(cycle: readonly string[]): string {
  return cycle.join(' → ');
}

/** The SB301 diagnostic for one cycle (as {@link findSubflowCycle} gives it), naming the cycle in message and hint. */
export function subflowCycleDiagnostic(cycle: readonly string[]): Diagnostic {
  const sink = new DiagnosticSink();
  const named = describeSubflowCycle(cycle);
  sink.report('SB301.cycle', { path: `flows["${cycle[0] ?? ''}"]` }, { cycle: named }, { hint: 'SB301.cycleHint' });
  return sink.items[0] as Diagnostic;
}

/**
 * Cross-flow check of outcomes (SB191): every outcome a sub-flow's Return nodes give must be an outlet of each
 * Sub-flow node calling it; otherwise that call would continue by `failed`. Calls to missing flows are SB302's.
 */
export function checkSubflowOutcomes(flows: Iterable<CompiledFlow>): Diagnostic[] {
  const byName = new Map<string, CompiledFlow>();
  for (const flow of flows) byName.set(flow.name, flow);
  const returned = new Map<string, string[]>();
  for (const flow of byName.values()) {
    const outcomes = new Set<string>();
    for (const node of Object.values(flow.nodes)) if (node.type === 'return') outcomes.add((node.config as { outcome: string }).outcome);
    returned.set(flow.name, [...outcomes].sort());
  }
  const sink = new DiagnosticSink();
  for (const flow of byName.values()) {
    for (const [nodeId, node] of Object.entries(flow.nodes)) {
      if (node.type !== 'subflow') continue;
      const callee = (node.config as { flow: string }).flow;
      for (const outcome of returned.get(callee) ?? []) {
        if (outcome === 'failed' || Object.prototype.hasOwnProperty.call(node.next, outcome)) continue;
        sink.report(
          'SB191.outcomeNotListed',
          { nodeId, path: `flows["${flow.name}"].nodes["${nodeId}"]` },
          { callee, outcome, node: nodeId, flow: flow.name },
          { hint: 'SB191.outcomeNotListedHint' },
        );
      }
    }
  }
  return sink.items;
}
