import { compileFlow, parseFlowDocument, type CompiledFlow } from '@switchboard/flows';
import type { LiveVersion } from '../services/contracts.js';

/** Test support: compile a flow from nodes and `source:outlet->target` edges, as the canvas would save it. */
export function compiledFlow(
  name: string,
  nodes: Array<{ id: string; type: string; data?: Record<string, unknown> }>,
  edges: string[],
  extra: { languages?: string[]; variables?: unknown[] } = {},
): CompiledFlow {
  const parsed = parseFlowDocument({
    schemaVersion: 1,
    name,
    languages: extra.languages ?? ['en'],
    variables: extra.variables ?? [],
    nodes: nodes.map((node, index) => ({ id: node.id, type: node.type, position: { x: index * 200, y: 0 }, data: node.data ?? {} })),
    edges: edges.map((spec, index) => {
      const match = /^([^:]+):([^-]+)->(.+)$/.exec(spec);
      if (!match) throw new Error(`bad edge spec ${spec}`);
      return { id: `e${index}`, source: match[1], sourceOutlet: match[2], target: match[3] };
    }),
  });
  if (!parsed.ok) throw new Error(`test flow does not parse: ${JSON.stringify(parsed.diagnostics)}`);
  const result = compileFlow(parsed.document);
  if (!result.compiled) throw new Error(`test flow does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result.compiled;
}

/** A live version record for the fakes. */
export function liveVersion(address: string, compiled: CompiledFlow, versionNumber = 1, environment = 'production'): LiveVersion {
  return { address, environment, flowName: compiled.name, versionId: `${compiled.name}-v${versionNumber}`, versionNumber, compiled };
}

/** "Say a greeting, then hang up" — the smallest flow a call can run. */
export function greetingFlow(name: string, text: string): CompiledFlow {
  return compiledFlow(
    name,
    [
      { id: 'start', type: 'start' },
      { id: 'hello', type: 'announcement', data: { prompt: { text: { en: text } } } },
      { id: 'bye', type: 'hangup' },
    ],
    ['start:next->hello', 'hello:next->bye'],
  );
}
