import type { FlowDocument, Scenario } from '@switchboard/flows';

/** Who saved the draft last, and when (as the API reports it). */
export interface DraftSave {
  revision: number;
  document: FlowDocument;
  savedBy: { displayName: string; email: string } | null;
  savedAt: Date | string | null;
}

/** A save either lands (with the new revision) or is refused because someone else saved first. */
export type SaveResult = { saved: true; revision: number } | { saved: false; conflict: true };

/** Where drafts go: the API in the app, a fake in tests. */
export interface DraftStore {
  /** Saves on top of `baseRevision`; a newer save by anyone else is a conflict, never overwritten. */
  save(baseRevision: number, document: FlowDocument): Promise<SaveResult>;
  /** Replaces only the draft's scenarios, on top of `baseRevision` (a newer save by anyone is a conflict). */
  saveScenarios(baseRevision: number, scenarios: Scenario[]): Promise<SaveResult>;
  /** The draft as it is on the server now. */
  latest(): Promise<DraftSave>;
}
