import { useTranslation } from 'react-i18next';
import { ENVIRONMENTS, type Environment } from '../api/trpc';
import { PERIOD_PRESETS, type PeriodPreset } from './period';

interface PeriodFiltersProps {
  environment: Environment;
  preset: PeriodPreset;
  onEnvironmentChange(environment: Environment): void;
  onPresetChange(preset: PeriodPreset): void;
  /** Test ids for the two selects (the dashboard's specs find them by id). */
  testIds?: { environment: string; period: string };
}

/** The environment and period every analytics view is filtered by. */
export function PeriodFilters({ environment, preset, onEnvironmentChange, onPresetChange, testIds }: PeriodFiltersProps) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('app.analytics.filters.environment')}
        <select value={environment} onChange={(e) => onEnvironmentChange(e.target.value as Environment)} data-testid={testIds?.environment}>
          {ENVIRONMENTS.map((env) => (
            <option key={env} value={env}>
              {t(`app.environments.${env}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('app.analytics.filters.period')}
        <select value={preset} onChange={(e) => onPresetChange(e.target.value as PeriodPreset)} data-testid={testIds?.period}>
          {PERIOD_PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`app.analytics.periods.${p}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
