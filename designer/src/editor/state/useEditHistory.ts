import { useCallback, useRef, useState } from 'react';
import type { FlowDocument } from '@switchboard/flows';
import { emptyHistory, onlyScenariosChanged, rebaseScenarios, recordEdit, redo as redoStep, replacedFromOutside, undo as undoStep, type History } from './history';

export interface EditHistory {
  /** Apply an edit: records the current document for undo and hands the new one to `onChange`. */
  commit(next: FlowDocument, mergeKey?: string): void;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
  /**
   * How many times a document arrived from outside in place of the shown one (another version loaded, a conflict
   * resolved with "take theirs"; not scenarios saved elsewhere): what was typed on the old one does not apply.
   */
  replacements: number;
}

/**
 * Undo/redo over a controlled document. A document that arrives from outside (the app shell loaded another
 * version, or resolved a save conflict) starts a fresh history: undo never reaches across such a switch. Scenarios
 * saved elsewhere arriving in the open document are not such a switch: the steps stay, carrying the new scenarios.
 */
export function useEditHistory(document: FlowDocument, onChange: (document: FlowDocument) => void): EditHistory {
  const [history, setHistory] = useState<History>(emptyHistory);
  const historyRef = useRef(history);
  historyRef.current = history;
  const documentRef = useRef(document);
  const emitted = useRef<FlowDocument | null>(null);
  const replacements = useRef(0);

  if (documentRef.current !== document) {
    if (replacedFromOutside(documentRef.current, document, emitted.current)) replacements.current++;
    if (document !== emitted.current && historyRef.current !== emptyHistory) {
      // Scenarios saved elsewhere change nothing the user edited: keep their undo steps, carrying the new scenarios.
      const next = onlyScenariosChanged(documentRef.current, document) ? rebaseScenarios(historyRef.current, document.scenarios) : emptyHistory;
      historyRef.current = next;
      setHistory(next);
    }
    documentRef.current = document;
  }

  const emit = useCallback(
    (next: FlowDocument, nextHistory: History) => {
      historyRef.current = nextHistory;
      documentRef.current = next;
      emitted.current = next;
      setHistory(nextHistory);
      onChange(next);
    },
    [onChange],
  );

  const commit = useCallback(
    (next: FlowDocument, mergeKey?: string) => {
      const current = documentRef.current;
      if (next === current) return;
      emit(next, recordEdit(historyRef.current, current, Date.now(), mergeKey ?? null));
    },
    [emit],
  );

  const undo = useCallback(() => {
    const step = undoStep(historyRef.current, documentRef.current);
    if (step) emit(step.document, step.history);
  }, [emit]);

  const redo = useCallback(() => {
    const step = redoStep(historyRef.current, documentRef.current);
    if (step) emit(step.document, step.history);
  }, [emit]);

  return { commit, undo, redo, canUndo: history.past.length > 0, canRedo: history.future.length > 0, replacements: replacements.current };
}
