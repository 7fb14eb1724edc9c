import type { FlowDocument } from '@switchboard/flows';

/** Undo/redo as a list of whole documents: documents are immutable, so each entry shares unchanged parts. */
export interface History {
  past: FlowDocument[];
  future: FlowDocument[];
  /** Key and time of the last recorded edit, to merge a burst of typing into one undo step. */
  lastKey: string | null;
  lastAt: number;
}

/** Enough for an afternoon's editing; the oldest steps are dropped first. */
export const HISTORY_LIMIT = 200;
/** Edits with the same key within this time are one undo step (typing a prompt letter by letter). */
export const MERGE_WINDOW_MS = 1000;

export const emptyHistory: History = { past: [], future: [], lastKey: null, lastAt: 0 };

/**
 * Record that the document is about to change from `previous`. Edits with the same `key` arriving within
 * `MERGE_WINDOW_MS` of each other merge into the step already recorded.
 */
export function recordEdit(history: History, previous: FlowDocument, at: number, key: string | null = null): History {
  const merges = key !== null && key === history.lastKey && at - history.lastAt <= MERGE_WINDOW_MS && history.past.length > 0;
  if (merges) return { ...history, future: [], lastAt: at };
  const past = [...history.past, previous];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [], lastKey: key, lastAt: at };
}

/** Step back: the document to show and the history after it, or null when there is nothing to undo. */
export function undo(history: History, current: FlowDocument): { history: History; document: FlowDocument } | null {
  const document = history.past.at(-1);
  if (!document) return null;
  return { document, history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null, lastAt: 0 } };
}

/** Step forward again after an undo, or null when there is nothing to redo. */
export function redo(history: History, current: FlowDocument): { history: History; document: FlowDocument } | null {
  const document = history.future[0];
  if (!document) return null;
  return { document, history: { past: [...history.past, current], future: history.future.slice(1), lastKey: null, lastAt: 0 } };
}

/**
 * True when `next` is `previous` with other scenarios and every other part the very same object: scenarios saved
 * elsewhere (a tester, another tab) arriving in the open document.
 */
export function onlyScenariosChanged(previous: FlowDocument, next: FlowDocument): boolean {
  if (previous.scenarios === next.scenarios) return false;
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)]);
  keys.delete('scenarios');
  for (const key of keys) if (previous[key as keyof FlowDocument] !== next[key as keyof FlowDocument]) return false;
  return true;
}

/**
 * True when the editor is shown `next` in place of `shown` and did not make it: neither the document it last
 * handed out (`emitted`: an edit, undo, redo) nor either of those with only other scenarios (saved elsewhere).
 * A save conflict resolved with "take theirs" or another version loaded is such a replacement.
 */
export function replacedFromOutside(shown: FlowDocument, next: FlowDocument, emitted: FlowDocument | null): boolean {
  if (next === shown || next === emitted) return false;
  if (onlyScenariosChanged(shown, next)) return false;
  return !(emitted && onlyScenariosChanged(emitted, next));
}

/**
 * The same undo steps, each carrying `scenarios`: scenarios are saved on their own (testers save them without
 * editing the flow), so stepping back through node edits must neither remove nor resurrect one.
 */
export function rebaseScenarios(history: History, scenarios: FlowDocument['scenarios']): History {
  const carry = (document: FlowDocument): FlowDocument => {
    const { scenarios: _old, ...rest } = document;
    return scenarios === undefined ? rest : { ...rest, scenarios };
  };
  return { ...history, past: history.past.map(carry), future: history.future.map(carry) };
}
