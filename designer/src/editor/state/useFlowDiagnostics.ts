import { useEffect, useState } from 'react';
import { compileFlow, type Diagnostic, type FlowDocument } from '@switchboard/flows';

/** Wait this long after the last edit before compiling again: typing stays smooth on large flows. */
export const COMPILE_DEBOUNCE_MS = 300;

/** Live compiler and linter diagnostics for the document, recomputed shortly after edits stop. */
export function useFlowDiagnostics(document: FlowDocument, delayMs = COMPILE_DEBOUNCE_MS): Diagnostic[] {
  const [result, setResult] = useState(() => ({ document, diagnostics: compileFlow(document).diagnostics }));
  useEffect(() => {
    if (result.document === document) return;
    const timer = setTimeout(() => setResult({ document, diagnostics: compileFlow(document).diagnostics }), delayMs);
    return () => clearTimeout(timer);
  }, [document, delayMs, result.document]);
  return result.diagnostics;
}
