import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ENVIRONMENTS, useTRPC } from '../api/trpc';
import { ErrorMessage } from '../ui/ErrorMessage';
import { BindForm } from './BindForm';
import { BindingRow } from './BindingRow';
import { DeploymentHistory } from './DeploymentHistory';
import { incidentFor, IncidentSwitch } from './incidents';

/** Which number or route runs which flow version, in staging and production; bind, activate, roll back, history. */
export function BindingsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const bindings = useQuery(trpc.deployments.list.queryOptions({}));
  const flows = useQuery(trpc.flows.list.queryOptions({ includeArchived: true }));
  // What the runtimes last found on their switches; the page works without it (older API, or no report yet).
  const switches = useQuery(trpc.switches.capabilities.queryOptions({}));
  // Incident overrides in force; the page works without them (an older API answers with an error).
  const incidents = useQuery(trpc.incidents.list.queryOptions({}));
  const active = incidents.data?.active ?? [];
  const flowByName = new Map((flows.data ?? []).map((f) => [f.name, f]));
  return (
    <main className="sb-app-page">
      <div className="sb-app-page__head">
        <h1>{t('app.bindings.title')}</h1>
      </div>
      <p className="sb-app-muted">{t('app.bindings.intro')}</p>
      <section className="sb-app-incidents" aria-label={t('app.incidents.title')}>
        <h2>{t('app.incidents.title')}</h2>
        <p className="sb-app-muted">{t('app.incidents.intro')}</p>
        {ENVIRONMENTS.map((environment) => {
          const global = active.find((i) => i.environment === environment && i.address === null);
          return (
            <div key={environment} className="sb-app-row">
              <span className={`sb-app-pill sb-app-pill--${environment}`}>{t(`app.environments.${environment}`)}</span> <span>{t('app.incidents.allNumbers')}:</span>{' '}
              <IncidentSwitch environment={environment} address={null} own={global} effective={global} />
            </div>
          );
        })}
      </section>
      {bindings.isError && <ErrorMessage error={bindings.error} />}
      {bindings.data && (
        <table className="sb-app-table" data-testid="bindings">
          <thead>
            <tr>
              <th>{t('app.bindings.columns.address')}</th>
              <th>{t('app.bindings.columns.environment')}</th>
              <th>{t('app.bindings.columns.flow')}</th>
              <th>{t('app.bindings.columns.live')}</th>
              <th>{t('app.bindings.columns.updated')}</th>
              <th>{t('app.bindings.columns.switch')}</th>
              <th>{t('app.bindings.columns.incident')}</th>
              <th>{t('app.bindings.columns.change')}</th>
            </tr>
          </thead>
          <tbody>
            {bindings.data.map((binding) => (
              <BindingRow
                key={`${binding.id}-${binding.versionNumber}`}
                binding={binding}
                flow={flowByName.get(binding.flowName)}
                flows={flows.data ?? []}
                switchReports={switches.data ?? []}
                ownIncident={active.find((i) => i.environment === binding.environment && i.address === binding.address)}
                incident={incidentFor(active, binding.address, binding.environment)}
              />
            ))}
          </tbody>
        </table>
      )}
      <BindForm flows={flows.data ?? []} />
      <DeploymentHistory />
    </main>
  );
}
