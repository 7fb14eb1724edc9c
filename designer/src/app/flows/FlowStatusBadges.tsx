import { useTranslation } from 'react-i18next';
import type { FlowStatus } from './flow-status';

/** Draft / published vN / live on which numbers in which environment. */
export function FlowStatusBadges({ status, unpublishedChanges = false }: { status: FlowStatus; unpublishedChanges?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="sb-app-status" data-testid="flow-status">
      {status.latestVersion === null ? (
        <span className="sb-app-pill sb-app-pill--draft">{t('app.flows.status.draft')}</span>
      ) : (
        <span className="sb-app-pill sb-app-pill--published">{t('app.flows.status.published', { version: status.latestVersion })}</span>
      )}
      {status.latestVersion !== null && unpublishedChanges && (
        <span className="sb-app-pill sb-app-pill--unpublished" data-testid="unpublished-changes" title={t('app.flows.status.unpublishedTitle', { version: status.latestVersion })}>
          {t('app.flows.status.unpublished')}
        </span>
      )}
      {status.live.map((binding) => (
        <span key={binding.id} className={`sb-app-pill sb-app-pill--${binding.environment}`} title={t('app.flows.status.liveTitle', { address: binding.address, environment: t(`app.environments.${binding.environment}`), version: binding.versionNumber })}>
          {t('app.flows.status.live', { address: binding.address, environment: t(`app.environments.${binding.environment}`), version: binding.versionNumber })}
        </span>
      ))}
    </span>
  );
}
