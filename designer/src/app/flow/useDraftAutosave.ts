import { useCallback, useEffect, useRef, useState } from 'react';
import { canonicalJson, type FlowDocument, type Scenario } from '@switchboard/flows';
import type { DraftSave, DraftStore, SavedBy } from './draft-store';
import { sameEdits, type UnsavedBackup, type UnsavedEdits } from './unsaved-backup';

/** What the save indicator shows. */
export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error';

/** How long typing must pause before a save goes out. */
export const AUTOSAVE_DELAY_MS = 800;

/** What became of a scenario save. */
export type ScenarioSaveOutcome =
  | { saved: true; scenariosRevision: number }
  /** Someone else saved scenarios in between; theirs are shown now and these were not saved. */
  | { saved: false; conflict: { savedBy: SavedBy | null; savedAt: Date | string | null; scenariosRevision: number } }
  | { saved: false; error: unknown };

/** The draft as the editor loaded it: the document with the revision of its node part and of its scenarios. */
export interface LoadedDraft {
  document: FlowDocument;
  revision: number;
  scenariosRevision: number;
  /** Who saved the loaded revision, and when (named if edits restored from a backup meet it as a conflict). */
  savedBy?: SavedBy | null;
  savedAt?: Date | string | null;
}

/** A save refused because someone saved first: their draft, and which part clashed (node edits or scenarios). */
export type DraftConflict = DraftSave & { part: 'nodes' | 'scenarios' };

export interface DraftAutosave {
  document: FlowDocument;
  status: SaveStatus;
  /** The draft revision the editor is based on (the last one it saved or loaded). */
  revision: number;
  /** The scenarios revision the editor shows. */
  scenariosRevision: number;
  /** Set while someone else's save blocks ours: who, when, and their document. */
  conflict: DraftConflict | null;
  error: unknown;
  /**
   * Edits that were not saved when the page last went away, brought back on opening (and being saved, or shown
   * against a newer save as a conflict). Null when there were none; `dismissRestored` hides the notice.
   */
  restored: UnsavedEdits | null;
  dismissRestored(): void;
  change(document: FlowDocument): void;
  /**
   * Saves now if anything is unsaved. Resolves to the draft revision once the server holds what the editor
   * shows, or null when it cannot (a conflict or a failed save).
   */
  flush(): Promise<number | null>;
  /**
   * Saves the draft's scenarios through their own procedure and revision (testers may, without edit rights).
   * Node edits are not involved: an unsaved or conflicting node edit neither blocks nor is touched by it.
   */
  saveScenarios(scenarios: Scenario[]): Promise<ScenarioSaveOutcome>;
  /**
   * Shows scenarios saved elsewhere (another tab, a tester) since the editor's scenarios revision, without an
   * undo step and without touching node edits. Scenario edits of the editor's own that are not saved yet stay.
   */
  refreshScenarios(): Promise<void>;
  /** Conflict: drop my edits and continue from theirs. */
  loadTheirs(): void;
  /**
   * Conflict: save my node edits over theirs, knowingly (on top of their revision). Scenarios are never part of
   * it: the draft keeps the scenarios stored now, whoever saved them.
   */
  overwriteTheirs(): Promise<number | null>;
}

interface Internal {
  document: FlowDocument;
  saved: FlowDocument;
  revision: number;
  /** The scenarios revision `savedScenarios` are at. */
  scenariosRevision: number;
  /** The scenarios the server holds at `scenariosRevision`; the editor's differ only if it changed them itself. */
  savedScenarios: readonly Scenario[];
  inFlight: Promise<void> | null;
  timer: ReturnType<typeof setTimeout> | undefined;
  conflict: DraftConflict | null;
  failed: boolean;
  /**
   * After scenarios arrived from the server: the scenario lists they replaced, and what replaced them. A change the
   * editor computed from a document it had not yet re-rendered with carries a replaced list; it gets the new one.
   */
  scenarioSwap: { replaced: Set<Scenario[] | undefined>; saved: Scenario[] | undefined } | null;
}

/** `document` with `scenarios` in place of its own; none leaves the field out, as the server stores it. */
function withScenarios(document: FlowDocument, scenarios: readonly Scenario[] | undefined): FlowDocument {
  const { scenarios: _replaced, ...rest } = document;
  return scenarios && scenarios.length > 0 ? { ...rest, scenarios: [...scenarios] } : rest;
}

/** Same scenarios, field for field (none and an empty list are the same). */
function sameScenarios(a: readonly Scenario[] | undefined, b: readonly Scenario[] | undefined): boolean {
  return a === b || canonicalJson(a ?? []) === canonicalJson(b ?? []);
}

/** How the editor opens: the loaded draft, or edits a backup kept when the page last went away (see {@link UnsavedBackup}). */
function openingState(loaded: LoadedDraft, backup: UnsavedBackup | undefined): { document: FlowDocument; conflict: DraftConflict | null; restored: UnsavedEdits | null } {
  const kept = backup?.read() ?? null;
  if (!kept || sameEdits(kept.document, loaded.document)) {
    // Nothing kept, or what was kept reached the server after all.
    if (kept) backup?.clear();
    return { document: loaded.document, conflict: null, restored: null };
  }
  // Scenarios are saved on their own, at once: the server's are the current ones.
  const document = withScenarios(kept.document, loaded.document.scenarios);
  if (kept.baseRevision === loaded.revision) return { document, conflict: null, restored: kept };
  // Someone saved after these edits were made: they meet the newer draft as a conflict, for the user to settle.
  const theirs: DraftConflict = {
    revision: loaded.revision,
    document: loaded.document,
    savedBy: loaded.savedBy ?? null,
    savedAt: loaded.savedAt ?? null,
    scenariosRevision: loaded.scenariosRevision,
    scenariosSavedBy: null,
    scenariosSavedAt: null,
    part: 'nodes',
  };
  return { document, conflict: theirs, restored: kept };
}

/**
 * Automatic draft saving: every change is saved after a pause, on top of the revision the editor started from.
 * Edits made while a save is on its way are saved next. If someone else saved in between, saving stops and the
 * conflict is reported; nothing is overwritten until the user chooses.
 *
 * Leaving the page inside the pause would lose the last edits: when the page is hidden or goes away they are
 * saved at once and, with `backup`, also kept in the browser until a save lands, to be restored on the next visit.
 */
export function useDraftAutosave(store: DraftStore, loaded: LoadedDraft, delayMs = AUTOSAVE_DELAY_MS, backup?: UnsavedBackup): DraftAutosave {
  const { document: initial, revision: initialRevision, scenariosRevision: initialScenariosRevision } = loaded;
  const [opening] = useState(() => openingState(loaded, backup));
  const [document, setDocument] = useState(opening.document);
  const [status, setStatus] = useState<SaveStatus>(opening.conflict ? 'conflict' : opening.restored ? 'unsaved' : 'saved');
  const [revision, setRevision] = useState(initialRevision);
  const [scenariosRevision, setScenariosRevision] = useState(initialScenariosRevision);
  const [conflict, setConflict] = useState<DraftConflict | null>(opening.conflict);
  const [restored, setRestored] = useState(opening.restored);
  const [error, setError] = useState<unknown>(null);
  const state = useRef<Internal>({
    document: opening.document,
    saved: initial,
    revision: initialRevision,
    scenariosRevision: initialScenariosRevision,
    savedScenarios: initial.scenarios ?? [],
    inFlight: null,
    timer: undefined,
    conflict: opening.conflict,
    failed: false,
    scenarioSwap: null,
  });

  /** Shows `scenarios` (stored at `at`) in place of the editor's, as an outside change: node edits stay as they are. */
  const showScenarios = useCallback((scenarios: readonly Scenario[], at: number) => {
    const s = state.current;
    s.scenariosRevision = at;
    s.savedScenarios = scenarios;
    setScenariosRevision(at);
    if (sameScenarios(s.document.scenarios, scenarios) && sameScenarios(s.saved.scenarios, scenarios)) return;
    const clean = s.document === s.saved;
    const replaced = new Set([...(s.scenarioSwap?.replaced ?? []), s.document.scenarios, s.saved.scenarios]);
    s.saved = withScenarios(s.saved, scenarios);
    s.document = clean ? s.saved : withScenarios(s.document, scenarios);
    s.scenarioSwap = { replaced, saved: s.document.scenarios };
    setDocument(s.document);
  }, []);

  /** Scenarios the server reports: shown, unless the editor changed its own and has not saved them yet. */
  const absorbScenarios = useCallback(
    (scenarios: readonly Scenario[], at: number) => {
      const s = state.current;
      if (at < s.scenariosRevision) return;
      const ownUnsaved = !sameScenarios(s.document.scenarios, s.savedScenarios);
      // The editor's own change stays on the revision it was made on: saving it on a newer one would be a conflict.
      if (ownUnsaved && !sameScenarios(s.document.scenarios, scenarios)) return;
      showScenarios(scenarios, at);
    },
    [showScenarios],
  );

  /** Keeps what the server does not have in the browser (see unsaved-backup.ts): a crash or a closed tab keeps it too. */
  const keepUnsaved = useCallback(() => {
    const s = state.current;
    if (s.document !== s.saved) backup?.write({ baseRevision: s.revision, document: s.document, at: new Date().toISOString() });
  }, [backup]);

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
    // Scenarios go with a node save only when the editor itself changed them (the code view, an import).
    const scenarioChange = !sameScenarios(sending.scenarios, s.savedScenarios);
    setStatus('saving');
    s.inFlight = (async () => {
      try {
        const result = await store.save(s.revision, sending, scenarioChange ? s.scenariosRevision : undefined);
        if (!result.saved) {
          const latest = await store.latest();
          const clash: DraftConflict = { ...latest, part: latest.revision === s.revision && scenarioChange ? 'scenarios' : 'nodes' };
          s.conflict = clash;
          setConflict(clash);
          setStatus('conflict');
          keepUnsaved();
          return;
        }
        s.revision = result.revision;
        s.saved = sending;
        if (scenarioChange) {
          s.savedScenarios = sending.scenarios ?? [];
          s.scenariosRevision = result.scenariosRevision;
          setScenariosRevision(result.scenariosRevision);
        }
        s.failed = false;
        setRevision(result.revision);
        absorbScenarios(result.scenarios, result.scenariosRevision);
        setError(null);
        setStatus(s.document === s.saved ? 'saved' : 'unsaved');
        if (s.document === s.saved) backup?.clear();
      } catch (failure) {
        s.failed = true;
        setError(failure);
        setStatus('error');
        keepUnsaved();
      } finally {
        s.inFlight = null;
      }
    })();
    return s.inFlight;
  }, [absorbScenarios, backup, keepUnsaved, store]);

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
      // While saving is stopped (a conflict) or failing (offline), the browser copy follows every edit.
      if (s.conflict || s.failed) keepUnsaved();
      if (s.conflict) return;
      setStatus('unsaved');
      clearTimeout(s.timer);
      s.timer = setTimeout(() => void flush(), delayMs);
    },
    [delayMs, flush, keepUnsaved],
  );

  const loadTheirs = useCallback(() => {
    const s = state.current;
    const theirs = s.conflict;
    if (!theirs) return;
    s.document = s.saved = theirs.document;
    s.revision = theirs.revision;
    s.scenariosRevision = theirs.scenariosRevision;
    s.savedScenarios = theirs.document.scenarios ?? [];
    s.conflict = null;
    setDocument(s.document);
    setRevision(s.revision);
    setScenariosRevision(s.scenariosRevision);
    setConflict(null);
    setStatus('saved');
    backup?.clear();
  }, [backup]);

  /** Waits until no save is on its way, then holds the slot for `work`, so automatic saves queue behind it. */
  const exclusively = useCallback(async <T,>(work: () => Promise<T>): Promise<T> => {
    const s = state.current;
    while (s.inFlight) await s.inFlight;
    let result!: T;
    s.inFlight = (async () => {
      try {
        result = await work();
      } finally {
        s.inFlight = null;
      }
    })();
    await s.inFlight;
    return result;
  }, []);

  const saveScenarios = useCallback(
    (scenarios: Scenario[]): Promise<ScenarioSaveOutcome> =>
      exclusively(async (): Promise<ScenarioSaveOutcome> => {
        const s = state.current;
        try {
          const result = await store.saveScenarios(s.scenariosRevision, scenarios);
          if (result.saved) {
            showScenarios(result.scenarios, result.scenariosRevision);
            return { saved: true, scenariosRevision: result.scenariosRevision };
          }
          const latest = await store.latest();
          showScenarios(latest.document.scenarios ?? [], latest.scenariosRevision);
          return { saved: false, conflict: { savedBy: latest.scenariosSavedBy, savedAt: latest.scenariosSavedAt, scenariosRevision: latest.scenariosRevision } };
        } catch (failure) {
          return { saved: false, error: failure };
        }
      }),
    [exclusively, showScenarios, store],
  );

  const refreshScenarios = useCallback(async () => {
    const s = state.current;
    // A save on its way answers with the stored scenarios itself.
    if (s.inFlight) return;
    const latest = await store.latest();
    if (latest.scenariosRevision > s.scenariosRevision && !s.inFlight) absorbScenarios(latest.document.scenarios ?? [], latest.scenariosRevision);
  }, [absorbScenarios, store]);

  // Once the editor renders the document with the new scenarios, its changes carry them: no more swapping.
  useEffect(() => {
    const s = state.current;
    if (s.scenarioSwap && document.scenarios === s.scenarioSwap.saved) s.scenarioSwap = null;
  }, [document]);

  const overwriteTheirs = useCallback(async () => {
    const s = state.current;
    const theirs = s.conflict;
    if (!theirs) return null;
    s.saved = theirs.document;
    s.revision = theirs.revision;
    s.conflict = null;
    setConflict(null);
    // Mine are the node edits; the scenarios stay as stored, so keeping mine can never delete a scenario.
    showScenarios(theirs.document.scenarios ?? [], theirs.scenariosRevision);
    return flush();
  }, [flush, showScenarios]);

  // Restored edits on the revision they were made on go out like any other edit.
  useEffect(() => {
    const s = state.current;
    if (opening.restored && !opening.conflict) s.timer = setTimeout(() => void flush(), delayMs);
  }, [delayMs, flush, opening]);

  useEffect(() => {
    const s = state.current;
    const warn = (event: BeforeUnloadEvent) => {
      if (s.document !== s.saved) event.preventDefault();
    };
    // Hidden (another tab, the window closing, a reload): keep what is unsaved, and save it now rather than after
    // the pause. The save goes out as a keepalive request where the browser allows (see api/trpc.ts), so it can
    // outlive the page; the kept copy covers a save that could not.
    const leave = () => {
      if (s.document === s.saved) return;
      keepUnsaved();
      if (!s.conflict) void flush();
    };
    const onVisibility = () => {
      if (globalThis.document.visibilityState === 'hidden') leave();
    };
    window.addEventListener('beforeunload', warn);
    globalThis.document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('beforeunload', warn);
      globalThis.document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', leave);
      // Leaving the page inside the app: what is pending still goes out.
      if (s.timer !== undefined && s.document !== s.saved && !s.conflict) void flush();
      clearTimeout(s.timer);
    };
  }, [flush, keepUnsaved]);

  const dismissRestored = useCallback(() => setRestored(null), []);

  return { document, status, revision, scenariosRevision, conflict, error, restored, dismissRestored, change, flush, saveScenarios, refreshScenarios, loadTheirs, overwriteTheirs };
}
