import type { FlowDocument, Scenario } from '@switchboard/flows';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../app/api/trpc';
import type { ScenarioSaveOutcome } from '../app/flow/useDraftAutosave';
import { useCurrentUser } from '../app/session/CurrentUserContext';
import type { NodeHighlight } from '../editor';
import { ScenarioSaveNoticeLine } from './ScenarioSaveNoticeLine';
import { SimulatorPanel } from './SimulatorPanel';
import { useScenarioSaving } from './useScenarioSaving';
import { useCalendarLibrary } from './useCalendarLibrary';
import { useSubflowLibrary } from './useSubflowLibrary';

/** Roles that may place test calls: testers and above. */
const SIMULATING_ROLES: ReadonlySet<string> = new Set(['tester', 'publisher', 'admin']);

export interface FlowSimulatorProps {
  flowId: string;
  draft: FlowDocument;
  onHighlights: (highlights: Record<string, NodeHighlight>) => void;
  /** Saves the draft's scenarios (and only them); absent when the user may not save scenarios. */
  onScenariosSave: ((scenarios: Scenario[]) => Promise<ScenarioSaveOutcome>) | undefined;
  saveDeniedReason: string | undefined;
}

/**
 * The simulator on the flow page: call the current draft or any published version, linked with the published
 * sub-flows it calls; scenarios save with the draft through their own procedure.
 */
export function FlowSimulator({ flowId, draft, onHighlights, onScenariosSave, saveDeniedReason }: FlowSimulatorProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const [source, setSource] = useState<'draft' | number>('draft');
  const versions = useQuery(trpc.flows.listVersions.queryOptions({ flowId }));
  const version = useQuery({ ...trpc.flows.getVersion.queryOptions({ flowId, number: typeof source === 'number' ? source : 1 }), enabled: typeof source === 'number' });
  const document = source === 'draft' ? draft : (version.data?.document as FlowDocument | undefined);
  const subflows = useSubflowLibrary(document ?? draft);
  const calendars = useCalendarLibrary(document ?? draft);
  const scenarioSaving = useScenarioSaving(source === 'draft' ? onScenariosSave : undefined);
  if (!SIMULATING_ROLES.has(user.role)) {
    return (
      <aside className="sb-sim" data-testid="simulator-panel">
        <p>{t('simulator.denied', { role: t(`app.roles.${user.role}`) })}</p>
      </aside>
    );
  }
  return (
    <div className="sb-sim-host">
      <label className="sb-sim-source">
        {t('simulator.source.label')}
        <select value={String(source)} onChange={(e) => setSource(e.target.value === 'draft' ? 'draft' : Number(e.target.value))}>
          <option value="draft">{t('simulator.source.draft')}</option>
          {(versions.data ?? []).map((v) => (
            <option key={v.number} value={v.number}>{t('simulator.source.version', { number: v.number })}</option>
          ))}
        </select>
      </label>
      <ScenarioSaveNoticeLine notice={scenarioSaving.notice} />
      {document ? (
        <SimulatorPanel key={String(source)} document={document} onHighlights={onHighlights} onScenariosChange={scenarioSaving.save} editDeniedReason={saveDeniedReason} subflows={subflows} calendars={calendars} />
      ) : (
        <p>{t('simulator.source.loading')}</p>
      )}
    </div>
  );
}
