import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ApiOutputs } from '../api/trpc';
import { CsvButton } from './CsvButton';
import { formatTime } from './format';

type Point = ApiOutputs['analytics']['series'][number];

/** Calls per hour or day (in the viewer's time zone), stacked by how they went; the numbers as CSV too. */
export function CallsChart({ points, bucket }: { points: Point[]; bucket: 'hour' | 'day' }) {
  const { t, i18n } = useTranslation();
  const label = (iso: string) => formatTime(iso, i18n.language, bucket === 'day');
  const data = points.map((point) => ({ ...point, other: Math.max(0, point.calls - point.selfServed - point.answered - point.abandonedInIvr - point.abandonedInQueue), label: label(point.start) }));
  const series = [
    { key: 'selfServed', colour: '#2f9e44' },
    { key: 'answered', colour: '#1c7ed6' },
    { key: 'abandonedInIvr', colour: '#f59f00' },
    { key: 'abandonedInQueue', colour: '#e03131' },
  ] as const;
  return (
    <section className="sb-analytics-section" data-testid="calls-chart">
      <div className="sb-app-page__head">
        <h2>{t('app.analytics.chart.title', { bucket: t(`app.analytics.chart.${bucket}`) })}</h2>
        <CsvButton
          fileName={`calls-by-${bucket}.csv`}
          rows={points}
          columns={[
            { header: bucket === 'day' ? t('app.analytics.chart.dayColumn') : t('app.analytics.chart.hourColumn'), value: (p) => p.start },
            { header: t('app.analytics.chart.calls'), value: (p) => p.calls },
            ...series.map((s) => ({ header: t(`app.analytics.chart.${s.key}`), value: (p: Point) => p[s.key] })),
          ]}
        />
      </div>
      {points.length === 0 ? (
        <p className="sb-app-muted">{t('app.analytics.chart.empty')}</p>
      ) : (
        <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 800, height: 260 }}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip />
            <Legend />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={t(`app.analytics.chart.${s.key}`)} stackId="calls" fill={s.colour} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </section>
  );
}
