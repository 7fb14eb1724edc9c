import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useTRPC, type VersionSummary } from '../api/trpc';
import type { FlowStatus } from '../flows/flow-status';
import { GuardedButton } from '../permissions/GuardedButton';
import { DateTime } from '../ui/DateTime';
import { ErrorMessage } from '../ui/ErrorMessage';
import { CompareForm } from './CompareForm';
import { RollbackDialog } from './RollbackDialog';

interface VersionsPanelProps {
  flowId: string;
  flowName: string;
  status: FlowStatus;
  /** The version on screen, if one is. */
  openVersion?: number;
  onClose(): void;
}

/** Every published version (newest first) with author, time and message: open, compare, roll back. */
export function VersionsPanel({ flowId, flowName, status, openVersion, onClose }: VersionsPanelProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const versions = useQuery(trpc.flows.listVersions.queryOptions({ flowId }));
  const [rollingBack, setRollingBack] = useState<VersionSummary | null>(null);
  const newerLive = (number: number) => status.live.filter((b) => b.versionNumber > number);

  return (
    <aside className="sb-app-versions" aria-label={t('app.versions.title')}>
      <div className="sb-app-versions__head">
        <h2>{t('app.versions.title')}</h2>
        <button type="button" className="sb-app-link-button" onClick={onClose}>
          {t('app.common.close')}
        </button>
      </div>
      {versions.isError && <ErrorMessage error={versions.error} />}
      {versions.data && versions.data.length === 0 && <p className="sb-app-muted">{t('app.versions.none')}</p>}
      {versions.data && versions.data.length > 0 && <CompareForm flowId={flowId} versions={versions.data.map((v) => v.number)} />}
      <ol className="sb-app-versions__list">
        {versions.data?.map((version) => {
          const live = status.live.filter((b) => b.versionNumber === version.number);
          const rollbackTargets = newerLive(version.number);
          return (
            <li key={version.id} className={version.number === openVersion ? 'sb-app-version is-open' : 'sb-app-version'} data-testid={`version-${version.number}`}>
              <div className="sb-app-version__title">
                <strong>{t('app.versions.version', { version: version.number })}</strong>
                {live.map((b) => (
                  <span key={b.id} className={`sb-app-pill sb-app-pill--${b.environment}`}>
                    {t('app.versions.liveOn', { address: b.address, environment: t(`app.environments.${b.environment}`) })}
                  </span>
                ))}
              </div>
              <div>{version.message || <span className="sb-app-muted">{t('app.versions.noMessage')}</span>}</div>
              <div className="sb-app-muted">
                {version.author?.displayName ?? '—'} · <DateTime value={version.createdAt} />
              </div>
              <div className="sb-app-actions">
                <Link href={`/flows/${flowId}/versions/${version.number}`} className="sb-app-button">
                  {t('app.versions.open')}
                </Link>
                {version.number > 1 && (
                  <Link href={`/flows/${flowId}/diff/${version.number - 1}/${version.number}`} className="sb-app-button">
                    {t('app.versions.compareWithPrevious')}
                  </Link>
                )}
                {rollbackTargets.length > 0 && (
                  <GuardedButton permission="rollBack" className="sb-app-button sb-app-button--danger" onClick={() => setRollingBack(version)}>
                    {t('app.versions.rollback')}
                  </GuardedButton>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {rollingBack && <RollbackDialog flowName={flowName} version={rollingBack.number} bindings={newerLive(rollingBack.number)} onClose={() => setRollingBack(null)} />}
    </aside>
  );
}
