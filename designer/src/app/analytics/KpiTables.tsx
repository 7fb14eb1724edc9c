import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ApiOutputs } from '../api/trpc';
import { CsvButton } from './CsvButton';
import type { CsvColumn } from './csv';
import { formatCount, formatRating, formatSeconds, formatShare } from './format';
import type { Kpis } from './KpiTiles';

type BreakdownRow = ApiOutputs['analytics']['breakdown'][number];
export type BreakdownBy = 'flow' | 'address' | 'queue' | 'version';

/** How the period's calls ended, by outcome. */
export function OutcomesTable({ kpis }: { kpis: Kpis }) {
  const { t, i18n } = useTranslation();
  const rows = Object.entries(kpis.outcomes)
    .map(([outcome, calls]) => ({ outcome, name: t(`app.analytics.outcomes.names.${outcome}`, { defaultValue: outcome }), calls, share: kpis.calls > 0 ? calls / kpis.calls : 0 }))
    .sort((a, b) => b.calls - a.calls);
  const columns: CsvColumn<(typeof rows)[number]>[] = [
    { header: t('app.analytics.outcomes.outcome'), value: (row) => row.outcome },
    { header: t('app.analytics.outcomes.calls'), value: (row) => row.calls },
    { header: t('app.analytics.outcomes.share'), value: (row) => row.share.toFixed(4) },
  ];
  return (
    <section className="sb-analytics-section">
      <div className="sb-app-page__head">
        <h2>{t('app.analytics.outcomes.title')}</h2>
        <CsvButton fileName="outcomes.csv" rows={rows} columns={columns} />
      </div>
      <table className="sb-app-table" data-testid="outcomes">
        <thead>
          <tr>
            <th>{t('app.analytics.outcomes.outcome')}</th>
            <th>{t('app.analytics.outcomes.calls')}</th>
            <th>{t('app.analytics.outcomes.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.outcome} data-testid={`outcome-${row.outcome}`}>
              <td>{row.name}</td>
              <td>{formatCount(row.calls, i18n.language)}</td>
              <td>{formatShare(row.share, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** How many callers gave each rating 1–5 in satisfaction surveys, and the second question's mean. */
export function SatisfactionTable({ kpis }: { kpis: Kpis }) {
  const { t, i18n } = useTranslation();
  const { responses, distribution, secondResponses, secondAverage } = kpis.satisfaction;
  if (responses === 0) return null;
  const rows = distribution.map((count, index) => ({ score: index + 1, count, share: count / responses }));
  const columns: CsvColumn<(typeof rows)[number]>[] = [
    { header: t('app.analytics.satisfaction.score'), value: (row) => row.score },
    { header: t('app.analytics.satisfaction.calls'), value: (row) => row.count },
    { header: t('app.analytics.outcomes.share'), value: (row) => row.share.toFixed(4) },
  ];
  return (
    <section className="sb-analytics-section">
      <div className="sb-app-page__head">
        <h2>{t('app.analytics.satisfaction.title')}</h2>
        <CsvButton fileName="satisfaction.csv" rows={rows} columns={columns} />
      </div>
      <table className="sb-app-table" data-testid="satisfaction">
        <thead>
          <tr>
            <th>{t('app.analytics.satisfaction.score')}</th>
            <th>{t('app.analytics.satisfaction.calls')}</th>
            <th>{t('app.analytics.outcomes.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.score} data-testid={`satisfaction-${row.score}`}>
              <td>{row.score}</td>
              <td>{formatCount(row.count, i18n.language)}</td>
              <td>{formatShare(row.share, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {secondResponses > 0 && (
        <p className="sb-app-muted" data-testid="satisfaction-second">
          {t('app.analytics.satisfaction.second', { average: formatRating(secondAverage, i18n.language), count: secondResponses })}
        </p>
      )}
    </section>
  );
}

/** The figures a row of a comparison shows (per flow, version, split branch…), each as CSV value and as text. */
type KpiRow = Pick<BreakdownRow, 'calls' | 'containment' | 'ivrAbandonment' | 'queueAbandonment' | 'averageSpeedOfAnswerSeconds' | 'serviceLevel' | 'averageHandleTimeSeconds'> & {
  satisfaction: Pick<BreakdownRow['satisfaction'], 'responses' | 'average'>;
};
export type KpiColumn<Row> = CsvColumn<Row> & { show: (row: Row) => string | null };

/** The columns every comparison table shows, in order. */
export function kpiColumns<Row extends KpiRow>(t: TFunction, language: string): Array<KpiColumn<Row>> {
  return [
    { header: t('app.analytics.columns.calls'), value: (r) => r.calls, show: (r) => formatCount(r.calls, language) },
    { header: t('app.analytics.columns.containment'), value: (r) => r.containment, show: (r) => formatShare(r.containment, language) },
    { header: t('app.analytics.columns.ivrAbandonment'), value: (r) => r.ivrAbandonment, show: (r) => formatShare(r.ivrAbandonment, language) },
    { header: t('app.analytics.columns.queueAbandonment'), value: (r) => r.queueAbandonment, show: (r) => formatShare(r.queueAbandonment, language) },
    { header: t('app.analytics.columns.asa'), value: (r) => r.averageSpeedOfAnswerSeconds, show: (r) => formatSeconds(r.averageSpeedOfAnswerSeconds, language) },
    { header: t('app.analytics.columns.serviceLevel'), value: (r) => r.serviceLevel, show: (r) => formatShare(r.serviceLevel, language) },
    { header: t('app.analytics.columns.aht'), value: (r) => r.averageHandleTimeSeconds, show: (r) => formatSeconds(r.averageHandleTimeSeconds, language) },
    // A version or branch is judged by how callers rated it too: the mean beside how many ratings it rests on.
    { header: t('app.analytics.columns.satisfaction'), value: (r) => r.satisfaction.average, show: (r) => formatRating(r.satisfaction.average, language) },
    { header: t('app.analytics.columns.surveyResponses'), value: (r) => r.satisfaction.responses, show: (r) => formatCount(r.satisfaction.responses, language) },
  ];
}

/** The same figures per flow, number, queue or version. */
export function BreakdownTable({ rows, by, flowIds }: { rows: BreakdownRow[]; by: BreakdownBy; flowIds: ReadonlyMap<string, string> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const none = t('app.analytics.noValue');
  const name = (row: BreakdownRow) => (row.key === '' ? t('app.analytics.breakdown.none') : row.label);
  const columns = kpiColumns<BreakdownRow>(t, language);
  return (
    <>
      <div className="sb-app-page__head">
        <h2>{t('app.analytics.breakdown.title', { by: t(`app.analytics.breakdown.${by}`) })}</h2>
        <CsvButton fileName={`by-${by}.csv`} rows={rows} columns={[{ header: t('app.analytics.breakdown.key'), value: (r) => name(r) }, ...columns]} />
      </div>
      <table className="sb-app-table" data-testid="breakdown">
        <thead>
          <tr>
            <th>{t('app.analytics.breakdown.key')}</th>
            {columns.map((column) => (
              <th key={column.header}>{column.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={`breakdown-${row.key}`}>
              <td>
                {name(row)}
                {by === 'flow' && flowIds.has(row.key) && (
                  <>
                    {' · '}
                    <Link href={`/flows/${flowIds.get(row.key)}/analytics`} data-testid={`drop-off-${row.key}`}>
                      {t('app.analytics.canvas.open')}
                    </Link>
                  </>
                )}
              </td>
              {columns.map((column) => (
                <td key={column.header}>{column.show(row) ?? none}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
