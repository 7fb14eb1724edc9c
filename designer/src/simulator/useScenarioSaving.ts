import type { Scenario } from '@switchboard/flows';
import { useCallback, useState } from 'react';
import type { ScenarioSaveOutcome } from '../app/flow/useDraftAutosave';

/** What the panel says about the last scenario save. */
export type ScenarioSaveNotice =
  | { kind: 'saving' }
  | { kind: 'saved'; revision: number }
  /** Someone else saved scenarios first: theirs are shown, these were not saved. */
  | { kind: 'conflict'; who: string | null; revision: number }
  | { kind: 'failed'; message: string };

/** Sends scenario changes through `saveScenarios` one at a time and keeps what came of the last one. */
export function useScenarioSaving(saveScenarios: ((scenarios: Scenario[]) => Promise<ScenarioSaveOutcome>) | undefined) {
  const [notice, setNotice] = useState<ScenarioSaveNotice | null>(null);
  const save = useCallback(
    async (scenarios: Scenario[]) => {
      if (!saveScenarios) return;
      setNotice({ kind: 'saving' });
      const outcome = await saveScenarios(scenarios);
      if (outcome.saved) return setNotice({ kind: 'saved', revision: outcome.scenariosRevision });
      if ('conflict' in outcome) {
        const by = outcome.conflict.savedBy;
        return setNotice({ kind: 'conflict', who: by ? `${by.displayName} <${by.email}>` : null, revision: outcome.conflict.scenariosRevision });
      }
      setNotice({ kind: 'failed', message: outcome.error instanceof Error ? outcome.error.message : String(outcome.error) });
    },
    [saveScenarios],
  );
  return { save: saveScenarios ? (scenarios: Scenario[]) => void save(scenarios) : undefined, notice };
}
