import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, type FlowSummary } from '../api/trpc';
import { GuardedButton } from '../permissions/GuardedButton';
import { ErrorMessage } from '../ui/ErrorMessage';
import { DuplicateFlowDialog } from './DuplicateFlowDialog';
import { flowStatus, matchesSearch } from './flow-status';
import { FlowRow } from './FlowRow';
import { ImportFlowsButton } from './ImportFlowsButton';
import { NewFlowDialog } from './NewFlowDialog';

/** Every flow with its status; search, create, duplicate, archive, import. */
export function FlowsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const [duplicating, setDuplicating] = useState<FlowSummary | null>(null);
  const flows = useQuery(trpc.flows.list.queryOptions({ includeArchived: showArchived }));
  const bindings = useQuery(trpc.deployments.list.queryOptions({}));
  const visible = useMemo(() => (flows.data ?? []).filter((flow) => matchesSearch(flow, search)), [flows.data, search]);

  return (
    <main className="sb-app-page">
      <div className="sb-app-page__head">
        <h1>{t('app.flows.title')}</h1>
        <div className="sb-app-actions">
          <ImportFlowsButton />
          <GuardedButton permission="editFlows" className="sb-app-button sb-app-button--primary" onClick={() => setCreating(true)}>
            {t('app.flows.new.button')}
          </GuardedButton>
        </div>
      </div>
      <div className="sb-app-toolbar">
        <input className="sb-app-input sb-app-search" type="search" placeholder={t('app.flows.search')} aria-label={t('app.flows.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
        <label className="sb-app-check">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> {t('app.flows.showArchived')}
        </label>
      </div>
      {flows.isError && <ErrorMessage error={flows.error} />}
      {flows.isPending ? (
        <p>{t('app.loading')}</p>
      ) : visible.length === 0 ? (
        <p className="sb-app-muted">{search ? t('app.flows.noMatch') : t('app.flows.empty')}</p>
      ) : (
        <table className="sb-app-table">
          <thead>
            <tr>
              <th>{t('app.flows.columns.name')}</th>
              <th>{t('app.flows.columns.status')}</th>
              <th>{t('app.flows.columns.lastSaved')}</th>
              <th>
                <span className="sb-app-visually-hidden">{t('app.flows.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((flow) => (
              <FlowRow key={flow.id} flow={flow} status={flowStatus(flow, bindings.data ?? [])} onDuplicate={setDuplicating} />
            ))}
          </tbody>
        </table>
      )}
      {creating && <NewFlowDialog onClose={() => setCreating(false)} />}
      {duplicating && <DuplicateFlowDialog flow={duplicating} onClose={() => setDuplicating(null)} />}
    </main>
  );
}
