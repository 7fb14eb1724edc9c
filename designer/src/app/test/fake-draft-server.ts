import type { FlowDocument, Scenario } from '@switchboard/flows';
import type { DraftSave, DraftStore, SaveResult } from '../flow/draft-store';

/** A small document told apart by its description. */
export const doc = (description: string) => ({ schemaVersion: 1, name: 'Support', description, languages: ['en'], variables: [], nodes: [], edges: [] }) as unknown as FlowDocument;

/** A server holding one draft: saves on a stale revision are refused, as the API does. */
export function fakeDraftServer(initialRevision = 3) {
  const server = {
    revision: initialRevision,
    document: doc('server'),
    savedBy: { displayName: 'Sam Other', email: 'sam@example.com' },
    saves: [] as { base: number; description: string }[],
    scenarioSaves: [] as { base: number; names: string[] }[],
    hold: null as Promise<void> | null,
  };
  const store: DraftStore = {
    async save(base, document): Promise<SaveResult> {
      server.saves.push({ base, description: document.description });
      if (server.hold) await server.hold;
      if (base !== server.revision) return { saved: false, conflict: true };
      server.revision += 1;
      server.document = document;
      return { saved: true, revision: server.revision };
    },
    async saveScenarios(base, scenarios: Scenario[]): Promise<SaveResult> {
      server.scenarioSaves.push({ base, names: scenarios.map((s) => s.name) });
      if (server.hold) await server.hold;
      if (base !== server.revision) return { saved: false, conflict: true };
      server.revision += 1;
      server.document = { ...server.document, scenarios };
      return { saved: true, revision: server.revision };
    },
    async latest(): Promise<DraftSave> {
      return { revision: server.revision, document: server.document, savedBy: server.savedBy, savedAt: '2026-01-05T10:00:00.000Z' };
    },
  };
  return { server, store };
}
