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
