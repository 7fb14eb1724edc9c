import { canonicalJson, type FlowDocument } from '@switchboard/flows';

/**
 * Edits not yet saved when the page went away (closed, reloaded, navigated off within the autosave pause), kept
 * in the browser so the next visit to the flow can bring them back. `baseRevision` is the draft revision they were
 * made on: on that revision they are simply saved; on a newer one (someone saved since) they meet theirs as a
 * conflict, never silently over or under it.
 */
export interface UnsavedEdits {
  baseRevision: number;
  document: FlowDocument;
  /** When the page went away (ISO time). */
  at: string;
}

export interface UnsavedBackup {
  read(): UnsavedEdits | null;
  write(edits: UnsavedEdits): void;
  clear(): void;
}

const PREFIX = 'switchboard.unsaved.';

/**
 * The backup of one flow's unsaved edits in `storage` (the browser's localStorage by default). Storage that is
 * full, disabled or holds something unreadable never breaks editing: a write that fails is skipped, a value that
 * does not parse reads as none.
 */
export function browserUnsavedBackup(flowId: string, storage: Storage | undefined = globalThis.localStorage): UnsavedBackup {
  const key = `${PREFIX}${flowId}`;
  return {
    read() {
      try {
        const text = storage?.getItem(key);
        if (!text) return null;
        const value = JSON.parse(text) as Partial<UnsavedEdits>;
        if (typeof value.baseRevision !== 'number' || typeof value.at !== 'string' || !value.document || !Array.isArray(value.document.nodes)) return null;
        return value as UnsavedEdits;
      } catch {
        return null;
      }
    },
    write(edits) {
      try {
        storage?.setItem(key, JSON.stringify(edits));
      } catch {
        // Quota exceeded or storage disabled: the keepalive save (if the draft is small enough) is all there is.
      }
    },
    clear() {
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing to clear where there is no storage.
      }
    },
  };
}

/** The same edit, scenarios aside (they are saved on their own and never restored from a backup). */
export function sameEdits(a: FlowDocument, b: FlowDocument): boolean {
  const { scenarios: _a, ...restA } = a;
  const { scenarios: _b, ...restB } = b;
  return canonicalJson(restA) === canonicalJson(restB);
}
