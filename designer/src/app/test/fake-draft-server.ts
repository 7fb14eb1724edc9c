import type { FlowDocument, Scenario } from '@switchboard/flows';
import type { DraftSave, DraftStore, SaveResult, ScenariosSaveResult } from '../flow/draft-store';

/** A small document told apart by its description. */
export const doc = (description: string) => ({ schemaVersion: 1, name: 'Support', description, languages: ['en'], variables: [], nodes: [], edges: [] }) as unknown as FlowDocument;

/**
 * A server holding one draft as the API does: node edits and scenarios apart, each on its own revision. Saves on a
 * stale revision are refused; a node save keeps the stored scenarios unless sent with a scenarios revision.
 */
export function fakeDraftServer(initialRevision = 3, initialScenariosRevision = 1) {
  const server = {
    revision: initialRevision,
    document: doc('server'),
    savedBy: { displayName: 'Sam Other', email: 'sam@example.com' },
    scenariosRevision: initialScenariosRevision,
    scenarios: [] as Scenario[],
    scenariosSavedBy: { displayName: 'Tess Tester', email: 'tess@example.com' },
    saves: [] as { base: number; description: string; scenariosBase?: number; scenarios?: string[] }[],
    scenarioSaves: [] as { base: number; names: string[] }[],
    hold: null as Promise<void> | null,
  };
  const store: DraftStore = {
    async save(base, document, scenariosBase): Promise<SaveResult> {
      server.saves.push({ base, description: document.description, ...(scenariosBase === undefined ? {} : { scenariosBase, scenarios: (document.scenarios ?? []).map((s) => s.name) }) });
      if (server.hold) await server.hold;
      if (base !== server.revision || (scenariosBase !== undefined && scenariosBase !== server.scenariosRevision)) return { saved: false, conflict: true };
      server.revision += 1;
      const { scenarios, ...nodes } = document;
      server.document = nodes;
      if (scenariosBase !== undefined) {
        server.scenarios = scenarios ?? [];
        server.scenariosRevision += 1;
      }
      return { saved: true, revision: server.revision, scenariosRevision: server.scenariosRevision, scenarios: server.scenarios };
    },
    async saveScenarios(base, scenarios: Scenario[]): Promise<ScenariosSaveResult> {
      server.scenarioSaves.push({ base, names: scenarios.map((s) => s.name) });
      if (server.hold) await server.hold;
      if (base !== server.scenariosRevision) return { saved: false, conflict: true };
      server.scenariosRevision += 1;
      server.scenarios = scenarios;
      return { saved: true, scenariosRevision: server.scenariosRevision, scenarios };
    },
    async latest(): Promise<DraftSave> {
      return {
        revision: server.revision,
        document: server.scenarios.length > 0 ? { ...server.document, scenarios: server.scenarios } : server.document,
        savedBy: server.savedBy,
        savedAt: '2026-01-05T10:00:00.000Z',
        scenariosRevision: server.scenariosRevision,
        scenariosSavedBy: server.scenariosSavedBy,
        scenariosSavedAt: '2026-01-05T10:01:00.000Z',
      };
    },
  };
  /** A tester elsewhere saves scenarios (another browser): only the scenarios and their revision move. */
  const testerSaves = (scenarios: Scenario[]) => {
    server.scenarios = scenarios;
    server.scenariosRevision += 1;
  };
  return { server, store, testerSaves };
}
