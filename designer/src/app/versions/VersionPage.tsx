import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { FlowEditor } from '../../editor';
import { useTRPC } from '../api/trpc';
import { ExportButton } from '../flow/ExportButton';
import { FlowTitleBar } from '../flow/FlowTitleBar';
import { useFlowStatus } from '../flow/useFlowStatus';
import { DateTime } from '../ui/DateTime';
import { ErrorMessage } from '../ui/ErrorMessage';
import { VersionsPanel } from './VersionsPanel';

const ignoreEdits = () => undefined;

/** One published version on the canvas, read-only (versions never change). */
export function VersionPage({ flowId, number }: { flowId: string; number: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const flow = useQuery(trpc.flows.get.queryOptions({ flowId }));
  const version = useQuery(trpc.flows.getVersion.queryOptions({ flowId, number }));
  const status = useFlowStatus(flow.data);
  const error = flow.error ?? version.error;
  if (error) return <main className="sb-app-page"><ErrorMessage error={error} /></main>;
  if (!flow.data || !version.data) return <p className="sb-app-splash">{t('app.loading')}</p>;
  return (
    <div className="sb-app-flow">
      <FlowTitleBar
        name={flow.data.name}
        status={status}
        subtitle={
          <span data-testid="viewing-version">
            {t('app.versions.viewing', { version: number, author: version.data.author?.displayName ?? '—' })} <DateTime value={version.data.createdAt} />
            {version.data.message && <> · “{version.data.message}”</>}
          </span>
        }
      >
        <Link href={`/flows/${flowId}/diff/${number}/draft`} className="sb-app-button">
          {t('app.versions.compareWithDraft')}
        </Link>
        <ExportButton flowId={flowId} flowName={flow.data.name} version={number} />
        <Link href={`/flows/${flowId}`} className="sb-app-button sb-app-button--primary">
          {t('app.versions.backToDraft')}
        </Link>
      </FlowTitleBar>
      <div className="sb-app-flow__body">
        <div className="sb-app-flow__editor">
          <FlowEditor key={number} document={version.data.document} onChange={ignoreEdits} readOnly />
        </div>
        <VersionsPanel flowId={flowId} flowName={flow.data.name} status={status} openVersion={number} onClose={() => history.back()} />
      </div>
    </div>
  );
}
