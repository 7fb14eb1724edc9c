import type { FlowDocument, Scenario } from '@switchboard/flows';
import { hasErrorCode } from '../api/api-error';
import type { ApiClient } from '../api/trpc';
import type { DraftStore, SaveResult, ScenariosSaveResult } from './draft-store';

/**
 * Drafts saved through the API. A document whose name was changed in the editor renames the flow first; if the
 * rename does not land exactly on the next revision, someone else saved in between and that is a conflict.
 */
export function apiDraftStore(client: ApiClient, flowId: string, initialName: string, onRenamed: (name: string) => void): DraftStore {
  let flowName = initialName;
  return {
    async save(baseRevision: number, document: FlowDocument, baseScenariosRevision?: number): Promise<SaveResult> {
      let base = baseRevision;
      if (document.name !== flowName) {
        const renamed = await client.flows.rename.mutate({ flowId, name: document.name });
        flowName = renamed.name;
        onRenamed(renamed.name);
        if (renamed.draftRevision !== base + 1) return { saved: false, conflict: true };
        base = renamed.draftRevision;
      }
      try {
        const result = await client.flows.saveDraft.mutate({ flowId, baseRevision: base, document, ...(baseScenariosRevision === undefined ? {} : { baseScenariosRevision }) });
        return { saved: true, revision: result.draftRevision, scenariosRevision: result.scenariosRevision, scenarios: result.scenarios };
      } catch (error) {
        if (hasErrorCode(error, 'CONFLICT')) return { saved: false, conflict: true };
        throw error;
      }
    },
    async saveScenarios(baseScenariosRevision: number, scenarios: Scenario[]): Promise<ScenariosSaveResult> {
      try {
        const result = await client.flows.saveScenarios.mutate({ flowId, baseScenariosRevision, scenarios });
        return { saved: true, scenariosRevision: result.scenariosRevision, scenarios: result.scenarios };
      } catch (error) {
        if (hasErrorCode(error, 'CONFLICT')) return { saved: false, conflict: true };
        throw error;
      }
    },
    async latest() {
      const flow = await client.flows.get.query({ flowId });
      flowName = flow.name;
      return {
        revision: flow.draftRevision,
        document: flow.draft,
        savedBy: flow.draftSavedBy,
        savedAt: flow.draftSavedAt,
        scenariosRevision: flow.scenariosRevision,
        scenariosSavedBy: flow.scenariosSavedBy,
        scenariosSavedAt: flow.scenariosSavedAt,
      };
    },
  };
}
