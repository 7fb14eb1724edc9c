import { useEffect, useState } from 'react';
import type { Diagnostic, FlowDocument } from '@switchboard/flows';
import { compileOffMainThread, compilesOffMainThread } from './compile-off-main-thread';
import { compileForEditor, type FlowCompilation } from './flow-compilation';

export type { FlowCompilation } from './flow-compilation';

/** Wait this long after the last edit before compiling again: typing stays smooth on large flows. */
export const COMPILE_DEBOUNCE_MS = 300;

const NOT_COMPILED: FlowCompilation = { diagnostics: [], hash: undefined };

/**
 * Live compiler and linter results for the document, recomputed shortly after edits stop. Large flows are
 * compiled in a worker (the first results arrive a moment after opening), so a drop or a keystroke never waits
 * for a 100 ms compile.
 */
export function useFlowCompilation(document: FlowDocument, delayMs = COMPILE_DEBOUNCE_MS): FlowCompilation {
  const [result, setResult] = useState<{ document: FlowDocument | null; compilation: FlowCompilation }>(() =>
    compilesOffMainThread(document) ? { document: null, compilation: NOT_COMPILED } : { document, compilation: compileForEditor(document) },
  );
  useEffect(() => {
    if (result.document === document) return;
    let current = true;
    const timer = setTimeout(
      () => {
        if (!compilesOffMainThread(document)) return setResult({ document, compilation: compileForEditor(document) });
        void compileOffMainThread(document).then((compilation) => current && setResult({ document, compilation }));
      },
      result.document === null ? 0 : delayMs,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [document, delayMs, result.document]);
  return result.compilation;
}

/** Live compiler and linter diagnostics for the document. */
export function useFlowDiagnostics(document: FlowDocument, delayMs = COMPILE_DEBOUNCE_MS): Diagnostic[] {
  return useFlowCompilation(document, delayMs).diagnostics;
}
