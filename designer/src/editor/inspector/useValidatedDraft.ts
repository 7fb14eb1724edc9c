import { useCallback, useRef, useState } from 'react';
import type { z } from 'zod';
import { fieldKey, getAt, setAt, type FieldPath } from './value-paths';

interface DraftState {
  base: unknown;
  draft: unknown;
  issues: readonly z.core.$ZodIssue[];
}

/**
 * True when `next` differs from `previous` in structure, not only in values: an item added to or removed from a
 * list, an optional part switched on or off (anywhere inside). Such an edit is an undo step of its own; typing
 * into the same field merges into one step.
 */
export function changesStructure(previous: unknown, next: unknown): boolean {
  if ((previous === undefined) !== (next === undefined)) return true;
  if (Array.isArray(previous) || Array.isArray(next)) {
    if (!Array.isArray(previous) || !Array.isArray(next) || previous.length !== next.length) return true;
    return previous.some((item, index) => changesStructure(item, next[index]));
  }
  if (previous === null || next === null || typeof previous !== 'object' || typeof next !== 'object') return false;
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) if (changesStructure(before[key], after[key])) return true;
  return false;
}

let structuralSteps = 0;

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

  /** Set a value; when the form is then valid it is committed (through `commitWith` when given) and true is returned. */
  const change = useCallback(
    (path: FieldPath, next: unknown, commitWith: (next: T, fieldKey: string) => void = onCommit): boolean => {
      const key = changesStructure(getAt(draftRef.current, path), next) ? `${fieldKey(path)}#${++structuralSteps}` : fieldKey(path);
      const draft = setAt(draftRef.current, path, next);
      draftRef.current = draft;
      const parsed = schema.safeParse(draft);
      setState({ base: value, draft, issues: parsed.success ? [] : parsed.error.issues });
      if (parsed.success) commitWith(parsed.data, key);
      return parsed.success;
    },
    [schema, value, onCommit],
  );

  return { draft: current.draft, issues: current.issues, change };
}
