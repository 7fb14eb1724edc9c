import type { FlowDocument, Scenario } from '@switchboard/flows';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../app/api/trpc';
import { useCurrentUser } from '../app/session/CurrentUserContext';
import type { NodeHighlight } from '../editor';
import { SimulatorPanel } from './SimulatorPanel';

/** Roles that may place test calls: testers and above. */
const SIMULATING_ROLES: ReadonlySet<string> = new Set(['tester', 'publisher', 'admin']);

export interface FlowSimulatorProps {
  flowId: string;
  draft: FlowDocument;
  onHighlights: (highlights: Record<string, NodeHighlight>) => void;
  /** Saves a changed draft; absent when the user may not edit the flow. */
  onDraftChange: ((document: FlowDocument) => void) | undefined;
  editDeniedReason: string | undefined;
}

/** The simulator on the flow page: call the current draft or any published version; scenarios save into the draft. */
export function FlowSimulator({ flowId, draft, onHighlights, onDraftChange, editDeniedReason }: FlowSimulatorProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const user = useCurrentUser();
  const [source, setSource] = useState<'draft' | number>('draft');
  const versions = useQuery(trpc.flows.listVersions.queryOptions({ flowId }));
  const version = useQuery({ ...trpc.flows.getVersion.queryOptions({ flowId, number: typeof source === 'number' ? source : 1 }), enabled: typeof source === 'number' });
  if (!SIMULATING_ROLES.has(user.role)) {
    return (
      <aside className="sb-sim" data-testid="simulator-panel">
        <p>{t('simulator.denied', { role: t(`app.roles.${user.role}`) })}</p>
      </aside>
    );
  }
  const document = source === 'draft' ? draft : (version.data?.document as FlowDocument | undefined);
  const saveScenarios = source === 'draft' && onDraftChange ? (scenarios: Scenario[]) => onDraftChange({ ...draft, scenarios }) : undefined;
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
      {document ? (
        <SimulatorPanel key={String(source)} document={document} onHighlights={onHighlights} onScenariosChange={saveScenarios} editDeniedReason={editDeniedReason} />
      ) : (
        <p>{t('simulator.source.loading')}</p>
      )}
    </div>
  );
}
