import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, useTRPCClient, type Binding, type FlowSummary } from '../api/trpc';
import { GuardedButton } from '../permissions/GuardedButton';
import { Dialog } from '../ui/Dialog';
import { FlowVersionFields } from './FlowVersionFields';
import { ErrorMessage } from '../ui/ErrorMessage';

/**
 * A binding's scheduled publishing: what runs when from now on (timeline), every schedule with its state, a form
 * to schedule a published version between two wall-clock times in the binding's zone, and cancelling waiting ones.
 */
export function ScheduleDialog({ binding, flows, onClose }: { binding: Binding; flows: readonly FlowSummary[]; onClose(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const where = { address: binding.address, environment: binding.environment };
  const timeline = useQuery(trpc.schedules.timeline.queryOptions(where));
  const published = flows.filter((flow) => flow.latestVersionNumber > 0 && !flow.archivedAt);
  const [flowName, setFlowName] = useState('');
  const [version, setVersion] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [reason, setReason] = useState('');
  const chosen = published.find((flow) => flow.name === flowName);
  const refresh = () => queryClient.invalidateQueries();
  const create = useMutation({
    mutationFn: () =>
      client.schedules.create.mutate({ ...where, flowName, versionNumber: Number(version || chosen?.latestVersionNumber), startsAt, endsAt: endsAt || null, reason: reason.trim() }),
    onSuccess: () => {
      setStartsAt('');
      setEndsAt('');
      setReason('');
    },
    onSettled: refresh,
  });
  const cancel = useMutation({ mutationFn: (id: string) => client.schedules.cancel.mutate({ id }), onSettled: refresh });
  const zone = timeline.data?.timeZone ?? '…';
  return (
    <Dialog
      wide
      title={t('app.schedules.title', { address: binding.address, environment: t(`app.environments.${binding.environment}`) })}
      onClose={onClose}
      actions={
        <button type="button" className="sb-app-button" onClick={onClose}>
          {t('app.schedules.close')}
        </button>
      }
    >
      {timeline.isError && <ErrorMessage error={timeline.error} />}
      {timeline.data && (
        <>
          <p className="sb-app-muted">{t(`app.schedules.zone.${timeline.data.timeZoneSource}`, { zone })}</p>
          <h3>{t('app.schedules.timeline')}</h3>
          <ol className="sb-app-timeline" data-testid="schedule-timeline">
            {timeline.data.segments.map((segment) => (
              <li key={`${segment.from}-${segment.label}`} className={segment.scheduleId ? 'is-scheduled' : undefined}>
                <strong>{segment.label}</strong> {t('app.schedules.from')} {segment.fromLocal.replace('T', ' ')} {segment.toLocal ? `${t('app.schedules.to')} ${segment.toLocal.replace('T', ' ')}` : t('app.schedules.onwards')}
              </li>
            ))}
          </ol>
          {timeline.data.schedules.length > 0 && (
            <table className="sb-app-table" data-testid="schedules">
              <thead>
                <tr>
                  <th>{t('app.schedules.version')}</th>
                  <th>{t('app.schedules.window', { zone })}</th>
                  <th>{t('app.schedules.state')}</th>
                  <th>{t('app.schedules.reason')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {timeline.data.schedules.map((schedule) => (
                  <tr key={schedule.id}>
                    <td>
                      {schedule.flowName} v{schedule.versionNumber}
                    </td>
                    <td>
                      {schedule.startsAtLocal.replace('T', ' ')} → {schedule.endsAtLocal ? schedule.endsAtLocal.replace('T', ' ') : t('app.schedules.noEnd')}
                    </td>
                    <td>
                      <span className={`sb-app-kind sb-app-kind--${schedule.status}`}>{t(`app.schedules.states.${schedule.status}`)}</span>
                      {schedule.finishNote && <div className="sb-app-muted">{schedule.finishNote}</div>}
                    </td>
                    <td>{schedule.reason}</td>
                    <td>
                      {schedule.status === 'pending' && (
                        <GuardedButton permission="scheduleVersions" className="sb-app-button" disabled={cancel.isPending} onClick={() => cancel.mutate(schedule.id)}>
                          {t('app.schedules.cancel')}
                        </GuardedButton>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {cancel.isError && <ErrorMessage error={cancel.error} />}
        </>
      )}
      <h3>{t('app.schedules.new')}</h3>
      <form
        className="sb-app-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <FlowVersionFields
          published={published}
          flowName={flowName}
          version={version}
          onFlowChange={(name) => (setFlowName(name), setVersion(''))}
          onVersionChange={setVersion}
        />
        <label className="sb-app-field">
          <span>{t('app.schedules.startsAt', { zone })}</span>
          <input className="sb-app-input" type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value.slice(0, 16))} />
        </label>
        <label className="sb-app-field">
          <span>{t('app.schedules.endsAt', { zone })}</span>
          <input className="sb-app-input" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value.slice(0, 16))} />
          <small className="sb-app-muted">{t('app.schedules.endsAtHint')}</small>
        </label>
        <label className="sb-app-field">
          <span>{t('app.bindings.reason')}</span>
          <input className="sb-app-input" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
        <GuardedButton permission="scheduleVersions" type="submit" className="sb-app-button sb-app-button--primary" disabled={create.isPending || !flowName || !startsAt}>
          {t('app.schedules.schedule')}
        </GuardedButton>
      </form>
      {create.isError && <ErrorMessage error={create.error} />}
    </Dialog>
  );
}
