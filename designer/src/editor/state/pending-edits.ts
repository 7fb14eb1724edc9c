import type { FlowDocument } from '@switchboard/flows';

/** One inspector edit not yet in the document: how to apply it, and its undo merge key (one per field). */
export interface PendingEdit {
  key: string;
  apply(document: FlowDocument): FlowDocument;
}

/**
 * Inspector edits typed but not yet committed to the document (issue 14). Committing a keystroke re-renders the
 * canvas of a large flow (React Flow takes every node again), so keystrokes only go here, where the inspector
 * shows them at once, and reach the document after a pause in typing or when anything else needs the document:
 * another edit, undo/redo, another step selected, another view, the editor closed, the page hidden. `flush`
 * commits them in typing order, the last value per field (what committing each key would have left behind).
 * No React, no timers here: the editor owns the pause (see `usePendingEdits`).
 */
export class PendingEdits {
  private edits: readonly PendingEdit[] = [];
  private readonly listeners = new Set<() => void>();

  /** @param commit hands one edit to the document (the editor's undo history). */
  constructor(private readonly commit: (edit: PendingEdit) => void) {}

  /** Queue an edit; a newer value of the field typed last replaces the queued one. */
  add(edit: PendingEdit): void {
    const last = this.edits.at(-1);
    this.edits = last?.key === edit.key ? [...this.edits.slice(0, -1), edit] : [...this.edits, edit];
    this.notify();
  }

  /** Commit every queued edit, oldest first. True when there were any. */
  flush(): boolean {
    if (this.edits.length === 0) return false;
    const edits = this.edits;
    this.edits = [];
    for (const edit of edits) this.commit(edit);
    this.notify();
    return true;
  }

  /** Forget the queued edits (a read-only editor, a document replaced from outside). */
  discard(): void {
    if (this.edits.length === 0) return;
    this.edits = [];
    this.notify();
  }

  get size(): number {
    return this.edits.length;
  }

  /** The document as the inspector shows it: `document` with the queued edits applied. */
  applyTo(document: FlowDocument): FlowDocument {
    return this.edits.reduce((current, edit) => edit.apply(current), document);
  }

  /** Changes on every add, flush and discard (for `useSyncExternalStore`). */
  readonly snapshot = (): readonly PendingEdit[] => this.edits;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
