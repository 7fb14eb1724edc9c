import { useTranslation } from 'react-i18next';
import type { ApiOutputs } from '../api/trpc';
import { formatCount, formatRating, formatSeconds, formatShare } from './format';

export type Kpis = ApiOutputs['analytics']['kpis']['current'];

interface Tile {
  key: string;
  label: string;
  show: (kpis: Kpis) => string | null;
}

/** The period's headline figures, each with the comparison period's value beneath it. */
export function KpiTiles({ current, previous }: { current: Kpis; previous: Kpis | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const tiles: Tile[] = [
    { key: 'calls', label: t('app.analytics.tiles.calls'), show: (k) => formatCount(k.calls, language) },
    { key: 'containment', label: t('app.analytics.tiles.containment'), show: (k) => formatShare(k.containment, language) },
    { key: 'ivrAbandonment', label: t('app.analytics.tiles.ivrAbandonment'), show: (k) => formatShare(k.ivrAbandonment, language) },
    { key: 'queueAbandonment', label: t('app.analytics.tiles.queueAbandonment'), show: (k) => formatShare(k.queueAbandonment, language) },
    { key: 'asa', label: t('app.analytics.tiles.asa'), show: (k) => formatSeconds(k.averageSpeedOfAnswerSeconds, language) },
    { key: 'p90', label: t('app.analytics.tiles.p90'), show: (k) => formatSeconds(k.p90SpeedOfAnswerSeconds, language) },
    { key: 'serviceLevel', label: t('app.analytics.tiles.serviceLevel', { seconds: current.serviceLevelSeconds }), show: (k) => formatShare(k.serviceLevel, language) },
    { key: 'aht', label: t('app.analytics.tiles.aht'), show: (k) => formatSeconds(k.averageHandleTimeSeconds, language) },
    { key: 'callbacksRequested', label: t('app.analytics.tiles.callbacksRequested'), show: (k) => formatCount(k.callbacks.requested, language) },
    { key: 'callbacksCompleted', label: t('app.analytics.tiles.callbacksCompleted'), show: (k) => formatCount(k.callbacks.completed, language) },
    { key: 'callbackSuccess', label: t('app.analytics.tiles.callbackSuccess'), show: (k) => formatShare(k.callbackSuccessRate, language) },
    { key: 'repeat24h', label: t('app.analytics.tiles.repeat24h'), show: (k) => formatShare(k.repeatCallers24h, language) },
    { key: 'repeat7d', label: t('app.analytics.tiles.repeat7d'), show: (k) => formatShare(k.repeatCallers7d, language) },
    { key: 'satisfaction', label: t('app.analytics.tiles.satisfaction'), show: (k) => formatRating(k.satisfaction.average, language) },
    { key: 'surveyResponses', label: t('app.analytics.tiles.surveyResponses'), show: (k) => formatCount(k.satisfaction.responses, language) },
  ];
  const none = t('app.analytics.noValue');
  return (
    <ul className="sb-analytics-tiles" aria-label={t('app.analytics.title')}>
      {tiles.map((tile) => (
        <li key={tile.key} className="sb-analytics-tile" data-testid={`kpi-${tile.key}`}>
          <span className="sb-analytics-tile__label">{tile.label}</span>
          <strong className="sb-analytics-tile__value" data-testid="kpi-value">
            {tile.show(current) ?? none}
          </strong>
          {previous && (
            <span className="sb-app-muted sb-analytics-tile__before" data-testid="kpi-before">
              {t('app.analytics.before', { value: tile.show(previous) ?? none })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
