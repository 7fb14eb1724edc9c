import { compileFlow, type Diagnostic, type FlowDocument } from '@switchboard/flows';

export interface FlowCompilation {
  diagnostics: Diagnostic[];
  /** The compiled content hash (what publishing compares), null while the document has errors, undefined until compiled. */
  hash: string | null | undefined;
}

/** Compiler and linter results for a document, as the editor shows them. */
export function compileForEditor(document: FlowDocument): FlowCompilation {
  const result = compileFlow(document);
  return { diagnostics: result.diagnostics, hash: result.ok && result.compiled ? result.compiled.hash : null };
}
