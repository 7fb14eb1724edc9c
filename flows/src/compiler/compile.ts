import type { VariableDeclaration } from '../document/common.js';
import type { FlowDocument } from '../document/schema.js';
import { DiagnosticSink, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { BUILT_IN_VARIABLES, createExpressionChecker } from '../expressions/cel.js';
import { lintGraph } from '../linter/graph.js';
import { nodeDefinition } from '../nodes/registry.js';
import type { OutletSpec } from '../nodes/types.js';
import { canonicalJson } from '../util/canonical-json.js';
import { checkScenarioNames } from '../simulation/scenario-names.js';
import { sha256Hex } from '../util/hash.js';
import { COMPILED_FORMAT, type CompiledFlow, type CompiledNode } from './compiled.js';
import { createCompileContext } from './context.js';

export interface CompileResult {
  /** No error diagnostics: the flow may be published. */
  ok: boolean;
  /** Present whenever the graph's structure is sound (even with errors inside node settings). */
  compiled?: CompiledFlow;
  diagnostics: Diagnostic[];
}

/** Structure checks: ids, start node, edges. Returns the outgoing edge per (node, outlet). */
function checkStructure(document: FlowDocument, sink: DiagnosticSink, outletsOf: Map<string, OutletSpec[]>) {
  const nodeIndex = new Map<string, number>();
  document.nodes.forEach((node, index) => {
    if (nodeIndex.has(node.id)) sink.report('SB003.duplicateNodeId', { nodeId: node.id, path: `nodes[${index}].id` }, { node: node.id });
    else nodeIndex.set(node.id, index);
  });
  const starts = document.nodes.filter((n) => n.type === 'start');
  if (starts.length !== 1) sink.report('SB007.startCount', { path: 'nodes' }, { starts: starts.length });

  const edgeIds = new Set<string>();
  const outgoing = new Map<string, string>(); // `${source}\u0000${outlet}` → target
  document.edges.forEach((edge, index) => {
    const path = `edges[${index}]`;
    if (edgeIds.has(edge.id)) sink.report('SB009.duplicateEdgeId', { path: `${path}.id` }, { edge: edge.id });
    edgeIds.add(edge.id);
    const sourceKnown = nodeIndex.has(edge.source);
    const targetKnown = nodeIndex.has(edge.target);
    if (!sourceKnown) sink.report('SB004.missingSource', { path: `${path}.source` }, { edge: edge.id, node: edge.source });
    if (!targetKnown) sink.report('SB004.missingTarget', { path: `${path}.target` }, { edge: edge.id, node: edge.target });
    if (!sourceKnown || !targetKnown) return;
    const outlets = outletsOf.get(edge.source) ?? [];
    if (!outlets.some((o) => o.name === edge.sourceOutlet)) {
      const names = outlets.map((o) => o.name).join(', ') || 'none';
      sink.report('SB005.unknownOutlet', { nodeId: edge.source, path: `${path}.sourceOutlet` }, { node: edge.source, outlet: edge.sourceOutlet, outlets: names });
      return;
    }
    const target = document.nodes[nodeIndex.get(edge.target) as number];
    if (target?.type === 'start') sink.report('SB008.intoStart', { nodeId: edge.target, path: `${path}.target` }, { edge: edge.id });
    const key = `${edge.source}\u0000${edge.sourceOutlet}`;
    if (outgoing.has(key)) {
      sink.report('SB006.twoEdges', { nodeId: edge.source, path: `${path}.sourceOutlet` }, { outlet: edge.sourceOutlet, node: edge.source });
      return;
    }
    outgoing.set(key, edge.target);
  });
  return { nodeIndex, outgoing, startId: starts.length === 1 ? starts[0]?.id : undefined };
}

function checkVariables(variables: readonly VariableDeclaration[], sink: DiagnosticSink): Map<string, VariableDeclaration> {
  const declared = new Map<string, VariableDeclaration>();
  variables.forEach((variable, index) => {
    if (variable.name in BUILT_IN_VARIABLES) {
      sink.report('SB206.builtInName', { path: `variables[${index}].name` }, { variable: variable.name });
    } else if (declared.has(variable.name)) {
      sink.report('SB206.declaredTwice', { path: `variables[${index}].name` }, { variable: variable.name });
    } else {
      declared.set(variable.name, variable);
    }
  });
  return declared;
}

/** Follow an outlet, taking declared fallbacks when it is unconnected. */
function resolveOutlet(nodeId: string, outlet: OutletSpec, outlets: OutletSpec[], outgoing: Map<string, string>): string | null {
  let current: OutletSpec | undefined = outlet;
  const seen = new Set<string>();
  while (current && !seen.has(current.name)) {
    seen.add(current.name);
    const target = outgoing.get(`${nodeId}\u0000${current.name}`);
    if (target !== undefined) return target;
    const fallback: string | undefined = current.fallback;
    current = fallback === undefined ? undefined : outlets.find((o) => o.name === fallback);
  }
  return null;
}

/**
 * Compile a validated flow document into an immutable, canonical, content-hashed graph, with every
 * diagnostic the compiler and linter find. Deterministic: the same document always gives the same bytes.
 */
export function compileFlow(document: FlowDocument): CompileResult {
  const sink = new DiagnosticSink();
  const variables = checkVariables(document.variables, sink);
  const expressions = createExpressionChecker([...variables.values()]);

  const outletsOf = new Map<string, OutletSpec[]>();
  for (const node of document.nodes) outletsOf.set(node.id, nodeDefinition(node.type)?.outlets(node.data) ?? []);
  const { nodeIndex, outgoing, startId } = checkStructure(document, sink, outletsOf);
  // Scenarios never reach the compiled flow or its hash, but a duplicate name is a document error all the same.
  sink.items.push(...checkScenarioNames(document.scenarios ?? []));

  const compiledNodes: Record<string, CompiledNode> = {};
  const subflows = new Set<string>();
  document.nodes.forEach((node, index) => {
    if (nodeIndex.get(node.id) !== index) return; // duplicate id, already reported
    const definition = nodeDefinition(node.type);
    if (!definition) return; // impossible after schema validation
    const ctx = createCompileContext({ flowName: document.name, nodeId: node.id, dataPath: `nodes[${index}].data`, diagnostics: sink, languages: document.languages, variables, expressions });
    const config = definition.compile(node.data, ctx);
    definition.lint?.(node.data, ctx);
    for (const name of definition.calls?.(node.data) ?? []) subflows.add(name);
    const outlets = outletsOf.get(node.id) ?? [];
    const next: Record<string, string | null> = {};
    for (const outlet of outlets) next[outlet.name] = resolveOutlet(node.id, outlet, outlets, outgoing);
    compiledNodes[node.id] = { type: node.type, config, next };
  });

  const structureSound = startId !== undefined && !sink.items.some((d) => /^SB00[3-9]$/.test(d.code));
  if (startId !== undefined) lintGraph({ document, nodeIndex, outletsOf, compiledNodes, startId, sink });

  const diagnostics = sortDiagnostics(sink.items);
  if (!structureSound || startId === undefined) return { ok: false, diagnostics };

  const body: Omit<CompiledFlow, 'hash'> = {
    format: COMPILED_FORMAT,
    name: document.name,
    schemaVersion: document.schemaVersion,
    languages: [...document.languages],
    variables: [...variables.values()],
    entry: startId,
    nodes: compiledNodes,
    subflows: [...subflows].sort(),
  };
  // Canonical round trip: the compiled object has exactly the bytes it hashes to.
  const canonical = canonicalJson(body);
  const compiled = { ...(JSON.parse(canonical) as Omit<CompiledFlow, 'hash'>), hash: sha256Hex(canonical) };
  return { ok: !sink.hasErrors, compiled, diagnostics };
}
