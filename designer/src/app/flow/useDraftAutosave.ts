import { useCallback, useEffect, useRef, useState } from 'react';
import type { FlowDocument } from '@switchboard/flows';
import type { DraftSave, DraftStore } from './draft-store';

/** What the save indicator shows. */
export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error';

/** How long typing must pause before a save goes out. */
export const AUTOSAVE_DELAY_MS = 800;

export interface DraftAutosave {
  document: FlowDocument;
  status: SaveStatus;
  /** The draft revision the editor is based on (the last one it saved or loaded). */
  revision: number;
  /** Set while someone else's save blocks ours: who, when, and their document. */
  conflict: DraftSave | null;
  error: unknown;
  change(document: FlowDocument): void;
  /**
   * Saves now if anything is unsaved. Resolves to the draft revision once the server holds what the editor
   * shows, or null when it cannot (a conflict or a failed save).
   */
  flush(): Promise<number | null>;
  /** Conflict: drop my edits and continue from theirs. */
  loadTheirs(): void;
  /** Conflict: save my document over theirs, knowingly (on top of their revision). */
  overwriteTheirs(): Promise<number | null>;
}

interface Internal {
  document: FlowDocument;
  saved: FlowDocument;
  revision: number;
  inFlight: Promise<void> | null;
  timer: ReturnType<typeof setTimeout> | undefined;
  conflict: DraftSave | null;
  failed: boolean;
}

/**
 * Automatic draft saving: every change is saved after a pause, on top of the revision the editor started from.
 * Edits made while a save is on its way are saved next. If someone else saved in between, saving stops and the
 * conflict is reported; nothing is overwritten until the user chooses.
 */
export function useDraftAutosave(store: DraftStore, initial: FlowDocument, initialRevision: number, delayMs = AUTOSAVE_DELAY_MS): DraftAutosave {
  const [document, setDocument] = useState(initial);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [revision, setRevision] = useState(initialRevision);
  const [conflict, setConflict] = useState<DraftSave | null>(null);
  const [error, setError] = useState<unknown>(null);
  const state = useRef<Internal>({ document: initial, saved: initial, revision: initialRevision, inFlight: null, timer: undefined, conflict: null, failed: false });

  const saveOnce = useCallback(async (): Promise<void> => {
    const s = state.current;
    clearTimeout(s.timer);
    if (s.conflict) return;
    if (s.inFlight) return s.inFlight;
    if (s.document === s.saved) {
      setStatus('saved');
      return;
    }
    const sending = s.document;
    setStatus('saving');
    s.inFlight = (async () => {
      try {
        const result = await store.save(s.revision, sending);
        if (!result.saved) {
          const latest = await store.latest();
          s.conflict = latest;
          setConflict(latest);
          setStatus('conflict');
          return;
        }
        s.revision = result.revision;
        s.saved = sending;
        s.failed = false;
        setRevision(result.revision);
        setError(null);
        setStatus(s.document === sending ? 'saved' : 'unsaved');
      } catch (failure) {
        s.failed = true;
        setError(failure);
        setStatus('error');
      } finally {
        s.inFlight = null;
      }
    })();
    return s.inFlight;
  }, [store]);

  const flush = useCallback(async (): Promise<number | null> => {
    const s = state.current;
    // A save in flight may have left newer edits behind it: keep saving until caught up or stopped.
    for (let attempt = 0; attempt < 5; attempt++) {
      if (s.inFlight) await s.inFlight;
      if (s.conflict) return null;
      if (s.document === s.saved) return s.revision;
      await saveOnce();
      if (s.failed && !s.inFlight) return null;
    }
    return s.document === s.saved ? s.revision : null;
  }, [saveOnce]);

  const change = useCallback(
    (next: FlowDocument) => {
      const s = state.current;
      s.document = next;
      setDocument(next);
      if (s.conflict) return;
      setStatus('unsaved');
      clearTimeout(s.timer);
      s.timer = setTimeout(() => void flush(), delayMs);
    },
    [delayMs, flush],
  );

  const loadTheirs = useCallback(() => {
    const s = state.current;
    if (!s.conflict) return;
    s.document = s.saved = s.conflict.document;
    s.revision = s.conflict.revision;
    s.conflict = null;
    setDocument(s.document);
    setRevision(s.revision);
    setConflict(null);
    setStatus('saved');
  }, []);

  const overwriteTheirs = useCallback(async () => {
    const s = state.current;
    if (!s.conflict) return null;
    s.saved = s.conflict.document;
    s.revision = s.conflict.revision;
    s.conflict = null;
    setConflict(null);
    return flush();
  }, [flush]);

  useEffect(() => {
    const s = state.current;
    const warn = (event: BeforeUnloadEvent) => {
      if (s.document !== s.saved) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      // Leaving the page inside the app: what is pending still goes out.
      if (s.timer !== undefined && s.document !== s.saved && !s.conflict) void flush();
      clearTimeout(s.timer);
    };
  }, [flush]);

  return { document, status, revision, conflict, error, change, flush, loadTheirs, overwriteTheirs };
}
