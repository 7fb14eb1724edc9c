import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { FlowEditor, type CanvasAnalytics } from '../../editor';
import { ENVIRONMENTS, useTRPC, type Environment } from '../api/trpc';
import { ErrorMessage } from '../ui/ErrorMessage';
import { PeriodFilters } from './PeriodFilters';
import { CsvButton } from './CsvButton';
import { formatCount, formatShare } from './format';
import { PERIOD_PRESETS, periodOf, type PeriodPreset } from './period';
import { SplitBranchesTable, type SplitBranchInfo } from './SplitBranchesTable';

const ignoreEdits = () => undefined;

/**
 * A published version of a flow in analytics mode: every node shows how many callers entered it and how many hung
 * up there, every edge how many callers took it; the selected node's outlets are listed beside the canvas.
 */
export function FlowAnalyticsPage({ flowId }: { flowId: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [now] = useState(() => new Date());
  const [environment, setEnvironment] = useState<Environment>('production');
  const [preset, setPreset] = useState<PeriodPreset>('last7');
  const [chosenVersion, setChosenVersion] = useState<number | null>(null);
  const [selectedNode, setSelectedNode] = useState<string | null>(null);
  const period = useMemo(() => periodOf(preset, now), [preset, now]);

  const flow = useQuery(trpc.flows.get.queryOptions({ flowId }));
  const versions = useQuery(trpc.flows.listVersions.queryOptions({ flowId }));
  const number = chosenVersion ?? versions.data?.[0]?.number ?? null;
  const version = useQuery({ ...trpc.flows.getVersion.queryOptions({ flowId, number: number ?? 1 }), enabled: number !== null });
  const versionId = versions.data?.find((v) => v.number === number)?.id;
  const dropOff = useQuery({
    ...trpc.analytics.nodeDropOff.queryOptions({ environment, flowName: flow.data?.name ?? '-', period, ...(versionId ? { versionId } : {}) }),
    enabled: flow.data !== undefined && versionId !== undefined,
  });
  const analytics = useMemo<CanvasAnalytics | undefined>(
    () => (dropOff.data ? Object.fromEntries(dropOff.data.nodes.map((node) => [node.nodeId, node])) : undefined),
    [dropOff.data],
  );
  const onSelectionChange = useMemo(() => (selection: { nodeIds: string[] }) => setSelectedNode(selection.nodeIds.length === 1 ? (selection.nodeIds[0] ?? null) : null), []);

  const error = flow.error ?? versions.error ?? version.error ?? dropOff.error;
  if (error) return <main className="sb-app-page"><ErrorMessage error={error} /></main>;
  if (!flow.data || !versions.data) return <p className="sb-app-splash">{t('app.loading')}</p>;
  if (number === null) {
    return (
      <main className="sb-app-page">
        <h1>{t('app.analytics.canvas.title', { flow: flow.data.name })}</h1>
        <p className="sb-app-muted">{t('app.analytics.canvas.noVersions')}</p>
      </main>
    );
  }
  const selected = selectedNode && dropOff.data ? dropOff.data.nodes.find((node) => node.nodeId === selectedNode) : undefined;
  const language = i18n.language;
  const rows = (dropOff.data?.nodes ?? []).map((node) => ({ ...node, hungUpShare: node.entered > 0 ? node.hungUpHere / node.entered : 0 }));
  return (
    <div className="sb-app-flow" data-testid="flow-analytics">
      <div className="sb-app-page__head sb-analytics-canvas__head">
        <h1>{t('app.analytics.canvas.title', { flow: flow.data.name })}</h1>
        <form className="sb-analytics-filters" onSubmit={(event) => event.preventDefault()}>
          <PeriodFilters environment={environment} preset={preset} onEnvironmentChange={setEnvironment} onPresetChange={setPreset} />
          <label>
            {t('app.analytics.canvas.version')}
            <select value={number} onChange={(e) => setChosenVersion(Number(e.target.value))} data-testid="analytics-version">
              {versions.data.map((v) => (
                <option key={v.number} value={v.number}>
                  v{v.number}
                </option>
              ))}
            </select>
          </label>
        </form>
        <CsvButton
          fileName={`${flow.data.name}-v${number}-nodes.csv`}
          rows={rows}
          columns={[
            { header: t('app.analytics.canvas.node'), value: (r) => r.nodeId },
            { header: t('app.analytics.canvas.type'), value: (r) => r.nodeType },
            { header: t('app.analytics.canvas.entered'), value: (r) => r.entered },
            { header: t('app.analytics.canvas.hungUp'), value: (r) => r.hungUpHere },
            { header: t('app.analytics.canvas.endedHere'), value: (r) => r.endedHere },
            { header: t('app.analytics.canvas.outlets'), value: (r) => Object.entries(r.outlets).map(([o, n]) => `${o}=${n}`).join(' ') },
          ]}
        />
        <Link href={`/flows/${flowId}`} className="sb-app-button">
          {t('app.analytics.canvas.back')}
        </Link>
      </div>
      <div className="sb-app-flow__body">
        <div className="sb-app-flow__editor">
          {version.data && analytics && <FlowEditor key={number} document={version.data.document} onChange={ignoreEdits} readOnly analytics={analytics} onSelectionChange={onSelectionChange} />}
        </div>
        <aside className="sb-analytics-canvas__detail" data-testid="node-detail">
          {selected ? (
            <>
              <h2>{selected.nodeId}</h2>
              <p>{t('app.analytics.canvas.enteredCount', { count: selected.entered, formatted: formatCount(selected.entered, language) })}</p>
              <p>{t('app.analytics.canvas.hungUpCount', { count: selected.hungUpHere, share: formatShare(selected.entered ? selected.hungUpHere / selected.entered : 0, language) })}</p>
              <table className="sb-app-table">
                <thead>
                  <tr>
                    <th>{t('app.analytics.canvas.outlet')}</th>
                    <th>{t('app.analytics.canvas.callers')}</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(selected.outlets).map(([outlet, calls]) => (
                    <tr key={outlet} data-testid={`detail-outlet-${outlet}`}>
                      <td>{outlet}</td>
                      <td>{formatCount(calls, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {selected.nodeType === 'split' && (
                <SplitBranchesTable environment={environment} flowName={flow.data.name} versionId={versionId} nodeId={selected.nodeId} period={period} branches={splitBranchesOf(version.data?.document, selected.nodeId)} />
              )}
            </>
          ) : (
            <p className="sb-app-muted">{t('app.analytics.canvas.pickNode')}</p>
          )}
        </aside>
      </div>
    </div>
  );
}

/** The branches a split node defines in a version's document (none when the node is not there). */
function splitBranchesOf(document: unknown, nodeId: string): SplitBranchInfo[] {
  const nodes = (document as { nodes?: Array<{ id: string; type: string; data?: { branches?: SplitBranchInfo[] } }> } | undefined)?.nodes ?? [];
  const node = nodes.find((candidate) => candidate.id === nodeId && candidate.type === 'split');
  return node?.data?.branches ?? [];
}
