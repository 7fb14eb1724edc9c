import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENVIRONMENTS, useTRPC, type Environment } from '../api/trpc';
import { ErrorMessage } from '../ui/ErrorMessage';
import { PeriodFilters } from './PeriodFilters';
import { CallsChart } from './CallsChart';
import { formatTime } from './format';
import { BreakdownTable, OutcomesTable, SatisfactionTable, type BreakdownBy } from './KpiTables';
import { KpiTiles } from './KpiTiles';
import { bucketFor, PERIOD_PRESETS, periodOf, previousPeriod, viewerTimeZone, type PeriodPreset } from './period';

/** Service level targets offered (bounds of the server's speed-of-answer buckets). */
const SERVICE_LEVELS = [10, 15, 20, 30, 45, 60, 90, 120] as const;
const BREAKDOWNS: readonly BreakdownBy[] = ['flow', 'address', 'queue', 'version'];

/**
 * The KPI dashboard: one environment and period (with the period before for comparison), optionally one flow,
 * number or queue; headline figures, calls over time, outcomes and a breakdown table, each table as CSV.
 */
export function AnalyticsPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [now] = useState(() => new Date());
  const [environment, setEnvironment] = useState<Environment>('production');
  const [preset, setPreset] = useState<PeriodPreset>('last7');
  const [compare, setCompare] = useState(true);
  const [flowName, setFlowName] = useState('');
  const [address, setAddress] = useState('');
  const [queue, setQueue] = useState('');
  const [serviceLevelSeconds, setServiceLevelSeconds] = useState(20);
  const [by, setBy] = useState<BreakdownBy>('flow');
  const timeZone = viewerTimeZone();

  const period = useMemo(() => periodOf(preset, now), [preset, now]);
  const before = useMemo(() => previousPeriod(period), [period]);
  const filter = { environment, ...(flowName ? { flowName } : {}), ...(address ? { address } : {}), ...(queue ? { queue } : {}) };
  const bucket = bucketFor(period);

  const dimensions = useQuery(trpc.analytics.dimensions.queryOptions({ environment, period }));
  const kpis = useQuery(trpc.analytics.kpis.queryOptions({ ...filter, period, serviceLevelSeconds, ...(compare ? { compareWith: before } : {}) }));
  const series = useQuery(trpc.analytics.series.queryOptions({ ...filter, period, bucket, timeZone }));
  const breakdown = useQuery(trpc.analytics.breakdown.queryOptions({ ...filter, period, by, serviceLevelSeconds }));
  // Flow rows link to their drop-off on the canvas (by id); archived flows still have their calls.
  const flows = useQuery(trpc.flows.list.queryOptions({ includeArchived: true }));
  const flowIds = useMemo(() => new Map((flows.data ?? []).map((flow) => [flow.name, flow.id])), [flows.data]);

  const options = (values: string[] | undefined, selected: string) => [...new Set([...(values ?? []), ...(selected ? [selected] : [])])];
  const range = (p: { from: string; to: string }) => t('app.analytics.range', { from: formatTime(p.from, i18n.language), to: formatTime(p.to, i18n.language) });

  return (
    <main className="sb-app-page sb-analytics" data-testid="analytics-page">
      <div className="sb-app-page__head">
        <h1>{t('app.analytics.title')}</h1>
      </div>
      <p className="sb-app-muted">{t('app.analytics.intro', { timeZone })}</p>
      <form className="sb-analytics-filters" onSubmit={(event) => event.preventDefault()}>
        <PeriodFilters
          environment={environment}
          preset={preset}
          onEnvironmentChange={setEnvironment}
          onPresetChange={setPreset}
          testIds={{ environment: 'filter-environment', period: 'filter-period' }}
        />
        <label>
          {t('app.analytics.filters.compare')}
          <select value={compare ? 'previous' : 'none'} onChange={(e) => setCompare(e.target.value === 'previous')} data-testid="filter-compare">
            <option value="previous">{t('app.analytics.compare.previous')}</option>
            <option value="none">{t('app.analytics.compare.none')}</option>
          </select>
        </label>
        {(
          [
            ['flow', flowName, setFlowName, dimensions.data?.flows],
            ['address', address, setAddress, dimensions.data?.addresses],
            ['queue', queue, setQueue, dimensions.data?.queues],
          ] as const
        ).map(([key, value, set, values]) => (
          <label key={key}>
            {t(`app.analytics.filters.${key}`)}
            <select value={value} onChange={(e) => set(e.target.value)} data-testid={`filter-${key}`}>
              <option value="">{t('app.analytics.filters.all')}</option>
              {options(values, value).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label>
          {t('app.analytics.filters.serviceLevel')}
          <select value={serviceLevelSeconds} onChange={(e) => setServiceLevelSeconds(Number(e.target.value))} data-testid="filter-service-level">
            {SERVICE_LEVELS.map((seconds) => (
              <option key={seconds} value={seconds}>
                {t('app.analytics.filters.seconds', { seconds })}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p className="sb-app-muted" data-testid="analytics-range">
        {range(period)}
        {compare && ` · ${t('app.analytics.comparedRange', { from: formatTime(before.from, i18n.language), to: formatTime(before.to, i18n.language) })}`}
      </p>
      {kpis.isError && <ErrorMessage error={kpis.error} />}
      {kpis.data && <KpiTiles current={kpis.data.current} previous={kpis.data.previous} />}
      {series.isError && <ErrorMessage error={series.error} />}
      {series.data && <CallsChart points={series.data} bucket={bucket} />}
      {kpis.data && <OutcomesTable kpis={kpis.data.current} />}
      {kpis.data && <SatisfactionTable kpis={kpis.data.current} />}
      <section className="sb-analytics-section">
        <label>
          {t('app.analytics.breakdown.by')}{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as BreakdownBy)} data-testid="breakdown-by">
            {BREAKDOWNS.map((b) => (
              <option key={b} value={b}>
                {t(`app.analytics.breakdown.${b}`)}
              </option>
            ))}
          </select>
        </label>
        {breakdown.isError && <ErrorMessage error={breakdown.error} />}
        {breakdown.data && <BreakdownTable rows={breakdown.data} by={by} flowIds={flowIds} />}
      </section>
    </main>
  );
}
