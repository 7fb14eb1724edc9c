import type { FlowDocument, Scenario } from '@switchboard/flows';

/** Someone who saved, as the API names them. */
export interface SavedBy {
  displayName: string;
  email: string;
}

/**
 * The draft as the server holds it: the document (nodes and scenarios) with the revision of each part and who
 * saved each last. Node edits and scenarios are saved apart, each on its own revision.
 */
export interface DraftSave {
  revision: number;
  document: FlowDocument;
  savedBy: SavedBy | null;
  savedAt: Date | string | null;
  scenariosRevision: number;
  scenariosSavedBy: SavedBy | null;
  scenariosSavedAt: Date | string | null;
}

/** A draft save either lands (with both revisions and the scenarios stored now) or is refused because someone else saved first. */
export type SaveResult = { saved: true; revision: number; scenariosRevision: number; scenarios: Scenario[] } | { saved: false; conflict: true };

/** A scenario save either lands (with the new scenarios revision) or is refused because someone else saved scenarios first. */
export type ScenariosSaveResult = { saved: true; scenariosRevision: number; scenarios: Scenario[] } | { saved: false; conflict: true };

/** Where drafts go: the API in the app, a fake in tests. */
export interface DraftStore {
  /**
   * Saves on top of `baseRevision`; a newer save by anyone else is a conflict, never overwritten. The document's
   * scenarios are saved only with `baseScenariosRevision` (the editor changed them); otherwise the server keeps its own.
   */
  save(baseRevision: number, document: FlowDocument, baseScenariosRevision?: number): Promise<SaveResult>;
  /** Replaces only the draft's scenarios, on top of `baseScenariosRevision` (a newer scenario save by anyone is a conflict). */
  saveScenarios(baseScenariosRevision: number, scenarios: Scenario[]): Promise<ScenariosSaveResult>;
  /** The draft as it is on the server now. */
  latest(): Promise<DraftSave>;
}
