import { useCallback, useEffect, useRef, useState } from 'react';
import type { FlowDocument, Scenario } from '@switchboard/flows';
import type { DraftSave, DraftStore } from './draft-store';

/** What the save indicator shows. */
export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error';

/** How long typing must pause before a save goes out. */
export const AUTOSAVE_DELAY_MS = 800;

/** What became of a scenario save. */
export type ScenarioSaveOutcome =
  | { saved: true; revision: number }
  /** Someone saved the draft in between; `reloaded` when their draft was loaded (nothing unsaved was dropped). */
  | { saved: false; conflict: DraftSave; reloaded: boolean }
  | { saved: false; error: unknown };

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
  /**
   * Saves the draft's scenarios through their own procedure (testers may, without edit rights): unsaved edits go
   * out first, then the scenarios on that revision; the editor continues from the new revision, with them.
   */
  saveScenarios(scenarios: Scenario[]): Promise<ScenarioSaveOutcome>;
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
  /**
   * After a scenario save: the scenario lists it replaced, and what replaced them. A change the editor computed
   * from a document it had not yet re-rendered with carries a replaced list; it gets the saved one instead.
   */
  scenarioSwap: { replaced: Set<Scenario[] | undefined>; saved: Scenario[] | undefined } | null;
}

/** `document` with `scenarios` in place of its own; none leaves the field out, as the server stores it. */
function withScenarios(document: FlowDocument, scenarios: Scenario[] | undefined): FlowDocument {
  const { scenarios: _replaced, ...rest } = document;
  return scenarios && scenarios.length > 0 ? { ...rest, scenarios } : rest;
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
  const state = useRef<Internal>({ document: initial, saved: initial, revision: initialRevision, inFlight: null, timer: undefined, conflict: null, failed: false, scenarioSwap: null });

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
    (incoming: FlowDocument) => {
      const s = state.current;
      const next = s.scenarioSwap?.replaced.has(incoming.scenarios) ? withScenarios(incoming, s.scenarioSwap.saved) : incoming;
      s.document = next;
      setDocument(next);
      if (s.conflict) return;
      setStatus('unsaved');
      clearTimeout(s.timer);
      s.timer = setTimeout(() => void flush(), delayMs);
    },
    [delayMs, flush],
  );

  const adopt = useCallback((theirs: DraftSave) => {
    const s = state.current;
    s.document = s.saved = theirs.document;
    s.revision = theirs.revision;
    s.conflict = null;
    setDocument(s.document);
    setRevision(s.revision);
    setConflict(null);
    setStatus('saved');
  }, []);

  const loadTheirs = useCallback(() => {
    const s = state.current;
    if (s.conflict) adopt(s.conflict);
  }, [adopt]);

  const saveScenarios = useCallback(
    async (scenarios: Scenario[]): Promise<ScenarioSaveOutcome> => {
      const s = state.current;
      // The server must hold what the editor shows first, so the scenarios land on top of the editor's edits.
      for (let attempt = 0; s.inFlight || s.document !== s.saved || s.conflict; attempt++) {
        if (s.conflict) return { saved: false, conflict: s.conflict, reloaded: false };
        if (attempt === 5 || (await flush()) === null) {
          if (s.conflict) return { saved: false, conflict: s.conflict, reloaded: false };
          return { saved: false, error: new Error('the draft could not be saved first') };
        }
      }
      let outcome: ScenarioSaveOutcome = { saved: false, error: new Error('not sent') };
      // Holding the in-flight slot keeps automatic saves behind this one, so both never race on a revision.
      s.inFlight = (async () => {
        try {
          const result = await store.saveScenarios(s.revision, scenarios);
          if (!result.saved) {
            const latest = await store.latest();
            const reloaded = s.document === s.saved;
            if (reloaded) adopt(latest);
            else {
              s.conflict = latest;
              setConflict(latest);
              setStatus('conflict');
            }
            outcome = { saved: false, conflict: latest, reloaded };
            return;
          }
          const editedMeanwhile = s.document !== s.saved;
          const saved = withScenarios(s.saved, scenarios).scenarios;
          s.scenarioSwap = { replaced: new Set([...(s.scenarioSwap?.replaced ?? []), s.saved.scenarios, s.document.scenarios]), saved };
          s.saved = withScenarios(s.saved, saved);
          s.document = editedMeanwhile ? withScenarios(s.document, saved) : s.saved;
          s.revision = result.revision;
          setDocument(s.document);
          setRevision(result.revision);
          setStatus(editedMeanwhile ? 'unsaved' : 'saved');
          outcome = { saved: true, revision: result.revision };
        } catch (failure) {
          outcome = { saved: false, error: failure };
        } finally {
          s.inFlight = null;
        }
      })();
      await s.inFlight;
      return outcome;
    },
    [adopt, flush, store],
  );

  // Once the editor renders the document with the saved scenarios, its changes carry them: no more swapping.
  useEffect(() => {
    const s = state.current;
    if (s.scenarioSwap && document.scenarios === s.scenarioSwap.saved) s.scenarioSwap = null;
  }, [document]);

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

  return { document, status, revision, conflict, error, change, flush, saveScenarios, loadTheirs, overwriteTheirs };
}
