import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { FlowEditor } from '../../editor';
import { useTRPC } from '../api/trpc';
import { FlowTitleBar } from '../flow/FlowTitleBar';
import { useFlowStatus } from '../flow/useFlowStatus';
import { ErrorMessage } from '../ui/ErrorMessage';
import { ChangeSummary } from './ChangeSummary';
import { diffCanvas } from './diff-canvas';
import { DiffLegend } from './DiffLegend';

const ignoreEdits = () => undefined;

/**
 * Two versions (or a version and the draft) on one read-only canvas: added, removed and changed nodes
 * highlighted, and every field-level change listed beside it (from the API's diff).
 */
export function DiffPage({ flowId, from, to }: { flowId: string; from: number; to: number | 'draft' }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const flow = useQuery(trpc.flows.get.queryOptions({ flowId }));
  const before = useQuery(trpc.flows.getVersion.queryOptions({ flowId, number: from }));
  const after = useQuery({ ...trpc.flows.getVersion.queryOptions({ flowId, number: to === 'draft' ? 1 : to }), enabled: to !== 'draft' });
  const diff = useQuery(trpc.flows.diffVersions.queryOptions({ flowId, from, to }));
  const status = useFlowStatus(flow.data);
  const afterDocument = to === 'draft' ? flow.data?.draft : after.data?.document;
  const canvas = useMemo(
    () => (before.data && afterDocument && diff.data ? diffCanvas(before.data.document, afterDocument, diff.data) : null),
    [before.data, afterDocument, diff.data],
  );
  const error = flow.error ?? before.error ?? after.error ?? diff.error;
  if (error) return <main className="sb-app-page"><ErrorMessage error={error} /></main>;
  if (!flow.data || !canvas || !diff.data) return <p className="sb-app-splash">{t('app.loading')}</p>;
  const toLabel = to === 'draft' ? t('app.versions.draft') : t('app.versions.version', { version: to });
  return (
    <div className="sb-app-flow">
      <FlowTitleBar name={flow.data.name} status={status} subtitle={<span data-testid="diff-title">{t('app.diff.title', { from: t('app.versions.version', { version: from }), to: toLabel })}</span>}>
        <Link href={`/flows/${flowId}`} className="sb-app-button sb-app-button--primary">
          {t('app.versions.backToDraft')}
        </Link>
      </FlowTitleBar>
      <div className="sb-app-flow__body">
        <div className="sb-app-flow__editor">
          <FlowEditor key={`${from}-${to}`} document={canvas.document} onChange={ignoreEdits} readOnly highlights={canvas.highlights} />
        </div>
        <aside className="sb-app-versions" aria-label={t('app.diff.changes')}>
          <h2>{t('app.diff.changes')}</h2>
          <DiffLegend />
          <ChangeSummary diff={diff.data} before={before.data?.document} after={afterDocument} />
        </aside>
      </div>
    </div>
  );
}
