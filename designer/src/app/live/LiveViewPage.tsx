import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENVIRONMENTS, useTRPC, type ApiOutputs, type Environment } from '../api/trpc';
import { formatCount, formatSeconds } from '../analytics/format';
import { ErrorMessage } from '../ui/ErrorMessage';

type LiveView = ApiOutputs['analytics']['live'];

/** How often the page asks; runtimes publish about once a second, so what it shows is at most ~2 s old. */
export const LIVE_REFRESH_MS = 1000;

/**
 * The live view: calls in the flows now (per number, optionally per node), callers waiting and the longest wait per
 * queue, agents free, callbacks waiting — every runtime's latest snapshot merged by the API, asked every second.
 */
export function LiveViewPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [environment, setEnvironment] = useState<Environment>('production');
  const [perNode, setPerNode] = useState(false);
  const live = useQuery({ ...trpc.analytics.live.queryOptions({ environment }), refetchInterval: LIVE_REFRESH_MS, placeholderData: keepPreviousData });

  return (
    <main className="sb-app-page sb-analytics" data-testid="live-page">
      <div className="sb-app-page__head">
        <h1>{t('app.live.title')}</h1>
      </div>
      <p className="sb-app-muted">{t('app.live.intro')}</p>
      <form className="sb-analytics-filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('app.live.environment')}
          <select value={environment} onChange={(e) => setEnvironment(e.target.value as Environment)} data-testid="live-environment">
            {ENVIRONMENTS.map((env) => (
              <option key={env} value={env}>
                {t(`app.environments.${env}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {live.isError && <ErrorMessage error={live.error} />}
      {live.data && <LiveFigures view={live.data} perNode={perNode} onPerNodeChange={setPerNode} />}
    </main>
  );
}

function LiveFigures({ view, perNode, onPerNodeChange }: { view: LiveView; perNode: boolean; onPerNodeChange(value: boolean): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const count = (value: number) => formatCount(value, language);
  const seconds = (value: number) => formatSeconds(value, language) ?? t('app.analytics.noValue');
  const tiles = [
    { key: 'callsInFlows', value: count(view.totals.callsInFlows) },
    { key: 'callersWaiting', value: count(view.totals.callersWaiting) },
    { key: 'longestWait', value: seconds(view.totals.longestWaitSeconds) },
    { key: 'callbacksPending', value: count(view.totals.callbacksPending) },
  ] as const;
  return (
    <>
      <p className="sb-app-muted" data-testid="live-status">
        {t('app.live.updated', { time: new Date(view.readAt).toLocaleTimeString(language) })}
        {' · '}
        {view.runtimes.length > 0 ? t('app.live.runtimes', { count: view.runtimes.length }) : t('app.live.noRuntimes')}
        {view.skipped.stale > 0 && ` ${t('app.live.stale', { count: view.skipped.stale })}`}
      </p>
      {view.runtimes
        .filter((runtime) => runtime.queueError !== null)
        .map((runtime) => (
          <p key={runtime.instance} className="sb-app-muted" role="status">
            {t('app.live.queueError', { instance: runtime.instance, error: runtime.queueError })}
          </p>
        ))}
      <ul className="sb-analytics-tiles" aria-label={t('app.live.title')}>
        {tiles.map((tile) => (
          <li key={tile.key} className="sb-analytics-tile" data-testid={`live-${tile.key}`}>
            <span className="sb-analytics-tile__label">{t(`app.live.tiles.${tile.key}`)}</span>
            <strong className="sb-analytics-tile__value" data-testid="live-value">
              {tile.value}
            </strong>
          </li>
        ))}
      </ul>
      <section className="sb-analytics-section">
        <h2>{t('app.live.queues.title')}</h2>
        {view.queues.length === 0 ? (
          <p className="sb-app-muted">{t('app.live.queues.empty')}</p>
        ) : (
          <table className="sb-app-table" data-testid="live-queues">
            <thead>
              <tr>
                {(['queue', 'callersWaiting', 'longestWait', 'agentsAvailable', 'agentsLoggedIn', 'callbacksPending'] as const).map((column) => (
                  <th key={column}>{t(`app.live.queues.${column}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.queues.map((queue) => (
                <tr key={queue.queue} data-testid={`live-queue-${queue.queue}`}>
                  <td>{queue.queue}</td>
                  <td>{count(queue.callersWaiting)}</td>
                  <td>{queue.callersWaiting > 0 ? seconds(queue.longestWaitSeconds) : t('app.analytics.noValue')}</td>
                  <td>{count(queue.agentsAvailable)}</td>
                  <td>{count(queue.agentsLoggedIn)}</td>
                  <td>{count(queue.callbacksPending)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="sb-analytics-section">
        <h2>{t('app.live.flows.title')}</h2>
        {view.flows.length === 0 ? (
          <p className="sb-app-muted">{t('app.live.flows.empty')}</p>
        ) : (
          <table className="sb-app-table" data-testid="live-flows">
            <thead>
              <tr>
                <th>{t('app.live.flows.flow')}</th>
                <th>{t('app.live.flows.address')}</th>
                <th>{t('app.live.flows.calls')}</th>
              </tr>
            </thead>
            <tbody>
              {view.flows.map((row) => (
                <tr key={`${row.address}\u0000${row.flowName ?? ''}`} data-testid={`live-flow-${row.flowName ?? 'fallback'}-${row.address}`}>
                  <td>{row.flowName ?? t('app.live.flows.fallback')}</td>
                  <td>{row.address}</td>
                  <td>{count(row.calls)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <label className="sb-app-muted">
          <input type="checkbox" checked={perNode} onChange={(e) => onPerNodeChange(e.target.checked)} data-testid="live-per-node" /> {t('app.live.perNode')}
        </label>
      </section>
      {perNode && (
        <section className="sb-analytics-section">
          <h2>{t('app.live.nodes.title')}</h2>
          {view.nodes.length === 0 ? (
            <p className="sb-app-muted">{t('app.live.nodes.empty')}</p>
          ) : (
            <table className="sb-app-table" data-testid="live-nodes">
              <thead>
                <tr>
                  {(['flow', 'node', 'type', 'calls'] as const).map((column) => (
                    <th key={column}>{t(`app.live.nodes.${column}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.nodes.map((row) => (
                  <tr key={`${row.flowName}\u0000${row.nodeId}`} data-testid={`live-node-${row.flowName}-${row.nodeId}`}>
                    <td>{row.flowName}</td>
                    <td>{row.nodeId}</td>
                    <td>{row.nodeType}</td>
                    <td>{count(row.calls)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
