import { compileFlow } from '../compiler/compile.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import { parseFlowDocument } from '../document/parse.js';
import type { FlowDocument } from '../document/schema.js';

/** Test support: parse and compile a document, failing loudly if it is not a valid flow. */
export function compileForTest(json: unknown): { document: FlowDocument; flow: CompiledFlow } {
  const parsed = parseFlowDocument(json);
  if (!parsed.ok) throw new Error(`does not parse: ${JSON.stringify(parsed.diagnostics)}`);
  const result = compileFlow(parsed.document);
  if (!result.compiled) throw new Error(`does not compile: ${JSON.stringify(result.diagnostics)}`);
  return { document: parsed.document, flow: result.compiled };
}
