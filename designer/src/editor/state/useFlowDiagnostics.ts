import { useEffect, useState } from 'react';
import { compileFlow, type Diagnostic, type FlowDocument } from '@switchboard/flows';

/** Wait this long after the last edit before compiling again: typing stays smooth on large flows. */
export const COMPILE_DEBOUNCE_MS = 300;

export interface FlowCompilation {
  diagnostics: Diagnostic[];
  /** The compiled content hash (what publishing compares), null while the document has errors. */
  hash: string | null;
}

function compile(document: FlowDocument): FlowCompilation {
  const result = compileFlow(document);
  return { diagnostics: result.diagnostics, hash: result.ok && result.compiled ? result.compiled.hash : null };
}

/** Live compiler and linter results for the document, recomputed shortly after edits stop. */
export function useFlowCompilation(document: FlowDocument, delayMs = COMPILE_DEBOUNCE_MS): FlowCompilation {
  const [result, setResult] = useState(() => ({ document, compilation: compile(document) }));
  useEffect(() => {
    if (result.document === document) return;
    const timer = setTimeout(() => setResult({ document, compilation: compile(document) }), delayMs);
    return () => clearTimeout(timer);
  }, [document, delayMs, result.document]);
  return result.compilation;
}

/** Live compiler and linter diagnostics for the document. */
export function useFlowDiagnostics(document: FlowDocument, delayMs = COMPILE_DEBOUNCE_MS): Diagnostic[] {
  return useFlowCompilation(document, delayMs).diagnostics;
}
