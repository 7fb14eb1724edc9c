import { useCallback, useRef, useState } from 'react';
import type { z } from 'zod';
import { fieldKey, setAt, type FieldPath } from './value-paths';

interface DraftState {
  base: unknown;
  draft: unknown;
  issues: readonly z.core.$ZodIssue[];
}

/**
 * The values a form shows while the user types. Every change is checked against the schema: valid values
 * are committed at once (so the canvas and diagnostics follow), invalid ones stay in the form with their
 * messages and never reach the document. When the committed value changes from outside (undo, the code
 * view), the form shows it again.
 */
export function useValidatedDraft<T>(value: T, schema: z.ZodType<T, unknown>, onCommit: (next: T, fieldKey: string) => void) {
  const [state, setState] = useState<DraftState>({ base: value, draft: value, issues: [] });
  let current = state;
  if (state.base !== value) {
    current = { base: value, draft: value, issues: [] };
    setState(current);
  }
  const draftRef = useRef(current.draft);
  draftRef.current = current.draft;

  const change = useCallback(
    (path: FieldPath, next: unknown) => {
      const draft = setAt(draftRef.current, path, next);
      draftRef.current = draft;
      const parsed = schema.safeParse(draft);
      setState({ base: value, draft, issues: parsed.success ? [] : parsed.error.issues });
      if (parsed.success) onCommit(parsed.data, fieldKey(path));
    },
    [schema, value, onCommit],
  );

  return { draft: current.draft, issues: current.issues, change };
}
