import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Binding, FlowSummary } from '../api/trpc';
import { GuardedButton } from '../permissions/GuardedButton';
import { DateTime } from '../ui/DateTime';
import { ChangeVersionDialog } from './ChangeVersionDialog';
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
  const [target, setTarget] = useState(binding.versionNumber);
  const [confirming, setConfirming] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const latest = flow?.latestVersionNumber ?? binding.versionNumber;
  const goingBack = target < binding.versionNumber;
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
        <GuardedButton
          permission={goingBack ? 'rollBack' : 'activateVersions'}
          className={goingBack ? 'sb-app-button sb-app-button--danger' : 'sb-app-button'}
          disabled={target === binding.versionNumber}
          onClick={() => setConfirming(true)}
        >
          {goingBack ? t('app.bindings.rollBackTo', { version: target }) : t('app.bindings.activate', { version: target })}
        </GuardedButton>
        {confirming && <ChangeVersionDialog binding={binding} target={target} onClose={() => setConfirming(false)} />}
        <button type="button" className="sb-app-button" onClick={() => setScheduling(true)}>
          {t('app.schedules.open')}
        </button>
        {scheduling && <ScheduleDialog binding={binding} flows={flows} onClose={() => setScheduling(false)} />}
      </td>
    </tr>
  );
}
