import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc';
import { DateTime } from '../ui/DateTime';
import { ErrorMessage } from '../ui/ErrorMessage';

/** Every bind, activation and rollback: when, where, from which version to which, who and why. */
export function DeploymentHistory() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const history = useQuery(trpc.deployments.history.queryOptions({ limit: 100 }));
  return (
    <section aria-label={t('app.bindings.historyTitle')}>
      <h2>{t('app.bindings.historyTitle')}</h2>
      {history.isError && <ErrorMessage error={history.error} />}
      {history.data && history.data.length === 0 && <p className="sb-app-muted">{t('app.bindings.noHistory')}</p>}
      {history.data && history.data.length > 0 && (
        <table className="sb-app-table" data-testid="deployment-history">
          <thead>
            <tr>
              <th>{t('app.bindings.columns.when')}</th>
              <th>{t('app.bindings.columns.address')}</th>
              <th>{t('app.bindings.columns.change')}</th>
              <th>{t('app.bindings.columns.who')}</th>
              <th>{t('app.bindings.columns.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <DateTime value={entry.createdAt} />
                </td>
                <td>
                  <code>{entry.address}</code> <span className={`sb-app-pill sb-app-pill--${entry.environment}`}>{t(`app.environments.${entry.environment}`)}</span>
                </td>
                <td>
                  <span className={`sb-app-kind sb-app-kind--${entry.kind}`}>{t(`app.bindings.kinds.${entry.kind}`)}</span>{' '}
                  {entry.from ? `${entry.from.flowName} v${entry.from.number}` : '—'} → {entry.to.flowName} v{entry.to.number}
                </td>
                <td>{entry.actor?.displayName ?? '—'}</td>
                <td>{entry.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
