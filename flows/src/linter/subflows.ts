import type { CompiledFlow } from '../compiler/compiled.js';
import { DiagnosticSink, type Diagnostic } from '../diagnostics/diagnostic.js';
import { stronglyConnectedComponents } from './scc.js';

/**
 * Cross-flow checks for sub-flow calls: every referenced flow exists (SB302) and no flow calls itself,
 * directly or through others (SB301). `flows` maps each flow name to the sub-flows it calls.
 */
export function checkSubflowReferences(flows: ReadonlyMap<string, readonly string[]>): Diagnostic[] {
  const sink = new DiagnosticSink();
  for (const [name, calls] of flows) {
    for (const callee of calls) {
      if (!flows.has(callee)) sink.report('SB302', { path: `flows["${name}"]` }, `flow "${name}" calls sub-flow "${callee}", which does not exist`);
    }
  }
  const components = stronglyConnectedComponents([...flows.keys()], (name) => (flows.get(name) ?? []).filter((c) => flows.has(c)));
  for (const component of components) {
    const first = component[0] as string;
    const selfCall = component.length === 1 && (flows.get(first) ?? []).includes(first);
    if (component.length > 1 || selfCall) {
      const names = [...component].sort();
      sink.report('SB301', { path: `flows["${names[0]}"]` }, `sub-flows call each other in a cycle: ${names.join(' → ')}`);
    }
  }
  return sink.items;
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
          'SB191',
          { nodeId, path: `flows["${flow.name}"].nodes["${nodeId}"]` },
          `sub-flow "${callee}" can return "${outcome}", which sub-flow node ${nodeId} of "${flow.name}" does not list`,
          { hint: `Add "${outcome}" to the node's outcomes, or change the sub-flow's Return node.` },
        );
      }
    }
  }
  return sink.items;
}
