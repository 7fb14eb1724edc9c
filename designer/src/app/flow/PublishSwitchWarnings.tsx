import { useTranslation } from 'react-i18next';
import { useSwitchProblemText, type SwitchWarning } from '../bindings/switch-problems';
import { DateTime } from '../ui/DateTime';

/**
 * After publishing: what the new version needs that a switch lacks, as its runtime last reported (a warning, not a
 * blocker — the switch may be fixed before the version goes live there).
 */
export function PublishSwitchWarnings({ warnings }: { warnings: readonly SwitchWarning[] }) {
  const { t } = useTranslation();
  const describe = useSwitchProblemText();
  if (warnings.length === 0) return null;
  return (
    <div className="sb-app-blocked" data-testid="publish-switch-warnings">
      <p>{t('app.publish.switchWarnings', { count: warnings.length })}</p>
      <ul role="list">
        {warnings.map((warning) => (
          <li key={`${warning.environment} ${warning.switchHost} ${warning.nodeId} ${warning.kind} ${warning.module ?? warning.queue ?? ''}`}>
            {describe(warning)}{' '}
            <span className="sb-app-muted">
              {t('app.publish.switchWarningWhere', { environment: t(`app.environments.${warning.environment}`), host: warning.switchHost })} <DateTime value={warning.checkedAt} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
