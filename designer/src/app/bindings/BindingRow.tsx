import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useTRPCClient, type Binding, type FlowSummary } from '../api/trpc';
import { GuardedButton } from '../permissions/GuardedButton';
import { DateTime } from '../ui/DateTime';
import { ErrorMessage } from '../ui/ErrorMessage';
import { IncidentSwitch, type Incident } from './incidents';
import { ScheduleDialog } from './ScheduleDialog';
import { BindingSwitchStatus, type SwitchReport } from './switch-problems';

interface BindingRowProps {
  binding: Binding;
  /** The flow's id (for the link) and its latest version number (versions are numbered 1…latest without gaps). */
  flow: { id: string; latestVersionNumber: number } | undefined;
  /** What the runtimes last reported about the switches (all environments); the row picks its own problems. */
  switchReports: readonly SwitchReport[];
  /** Every flow, for the schedule dialog's version choice. */
  flows?: readonly FlowSummary[];
  /** The binding's own incident override, and the one its new calls get (its own, else the environment's). */
  ownIncident?: Incident | undefined;
  incident?: Incident | undefined;
}

/** One number/route in one environment: which version runs, and a switch to another (activate or roll back). */
export function BindingRow({ binding, flow, switchReports, flows = [], ownIncident, incident }: BindingRowProps) {
  const { t } = useTranslation();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState(binding.versionNumber);
  const [reason, setReason] = useState('');
  const [scheduling, setScheduling] = useState(false);
  const latest = flow?.latestVersionNumber ?? binding.versionNumber;
  const goingBack = target < binding.versionNumber;
  const change = useMutation({
    mutationFn: () => {
      const input = { address: binding.address, environment: binding.environment, versionNumber: target, reason: reason.trim() };
      return goingBack ? client.deployments.rollback.mutate(input) : client.deployments.activate.mutate(input);
    },
    onSuccess: () => setReason(''),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const rowId = `${binding.environment}-${binding.address}`;
  return (
    <tr data-testid={`binding-${rowId}`}>
      <td>
        <code>{binding.address}</code>
      </td>
      <td>
        <span className={`sb-app-pill sb-app-pill--${binding.environment}`}>{t(`app.environments.${binding.environment}`)}</span>
      </td>
      <td>{flow ? <Link href={`/flows/${flow.id}`}>{binding.flowName}</Link> : binding.flowName}</td>
      <td data-testid="binding-version">{t('app.versions.version', { version: binding.versionNumber })}</td>
      <td className="sb-app-muted">
        <DateTime value={binding.updatedAt} />
      </td>
      <td data-testid="binding-switch">
        <BindingSwitchStatus address={binding.address} environment={binding.environment} flowName={binding.flowName} reports={switchReports} />
      </td>
      <td data-testid="binding-incident">
        <IncidentSwitch environment={binding.environment} address={binding.address} own={ownIncident} effective={incident} />
      </td>
      <td className="sb-app-actions">
        <select className="sb-app-input sb-app-input--inline" aria-label={t('app.bindings.chooseVersion', { address: binding.address })} value={target} onChange={(e) => setTarget(Number(e.target.value))}>
          {Array.from({ length: latest }, (_, i) => latest - i).map((n) => (
            <option key={n} value={n}>
              {t('app.versions.version', { version: n })}
            </option>
          ))}
        </select>
        {goingBack && (
          <input className="sb-app-input sb-app-input--inline" aria-label={t('app.rollback.reason')} placeholder={t('app.rollback.reasonPlaceholder')} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
        <GuardedButton
          permission={goingBack ? 'rollBack' : 'activateVersions'}
          className={goingBack ? 'sb-app-button sb-app-button--danger' : 'sb-app-button'}
          disabled={target === binding.versionNumber || (goingBack && reason.trim() === '') || change.isPending}
          onClick={() => change.mutate()}
        >
          {goingBack ? t('app.bindings.rollBackTo', { version: target }) : t('app.bindings.activate', { version: target })}
        </GuardedButton>
        <button type="button" className="sb-app-button" onClick={() => setScheduling(true)}>
          {t('app.schedules.open')}
        </button>
        {scheduling && <ScheduleDialog binding={binding} flows={flows} onClose={() => setScheduling(false)} />}
        {change.isError && <ErrorMessage error={change.error} />}
      </td>
    </tr>
  );
}
