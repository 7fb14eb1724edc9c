import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPCClient, type ApiOutputs, type Environment } from '../api/trpc';
import { GuardedButton } from '../permissions/GuardedButton';
import { DateTime } from '../ui/DateTime';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';

export type Incident = ApiOutputs['incidents']['list']['active'][number];

/** The override a binding's new calls get: its own, else its environment's global one. */
export function incidentFor(incidents: readonly Incident[], address: string, environment: Environment): Incident | undefined {
  return incidents.find((i) => i.environment === environment && i.address === address) ?? incidents.find((i) => i.environment === environment && i.address === null);
}

/** What an override does and until when, in one line: "Emergency routing (all numbers) until …: reason". */
export function IncidentSummary({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  return (
    <span className="sb-app-incident" data-testid="incident-summary">
      <strong>{t(`app.incidents.modes.${incident.mode}`)}</strong>
      {t('app.incidents.scope', { scope: incident.address === null ? t('app.incidents.allNumbers') : t('app.incidents.thisNumber') })}
      {incident.endsAt ? (
        <>
          {' '}
          {t('app.incidents.until')} <DateTime value={incident.endsAt} />
        </>
      ) : null}
      {' — '}
      {incident.reason} <span className="sb-app-muted">({incident.startedBy?.displayName ?? '—'}, <DateTime value={incident.startedAt} />)</span>
    </span>
  );
}

/** Switch-on dialog: mode, announcement per language, optional end time, reason; the confirm button switches it on. */
export function SwitchOnDialog({ environment, address, onClose }: { environment: Environment; address: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'emergency' | 'announce'>('emergency');
  const [texts, setTexts] = useState<Array<{ language: string; text: string }>>([{ language: 'en', text: '' }]);
  const [endsAt, setEndsAt] = useState('');
  const [reason, setReason] = useState('');
  const switchOn = useMutation({
    mutationFn: () =>
      client.incidents.switchOn.mutate({
        environment,
        address,
        mode,
        announcement: Object.fromEntries(texts.filter((row) => row.text.trim() !== '').map((row) => [row.language.trim(), { text: row.text.trim() }])),
        ...(endsAt ? { endsAt: new Date(endsAt).toISOString() } : {}),
        reason: reason.trim(),
      }),
    onSuccess: () => onClose(),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const target = address === null ? t('app.incidents.everyNumberIn', { environment: t(`app.environments.${environment}`) }) : `${address} (${t(`app.environments.${environment}`)})`;
  return (
    <Dialog
      title={t('app.incidents.switchOnTitle', { target })}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="sb-app-button" onClick={onClose}>
            {t('app.incidents.cancel')}
          </button>
          <button type="button" className="sb-app-button sb-app-button--danger" disabled={reason.trim() === '' || switchOn.isPending} onClick={() => switchOn.mutate()}>
            {t('app.incidents.confirmOn')}
          </button>
        </>
      }
    >
      <p>{t('app.incidents.warning')}</p>
      <fieldset className="sb-app-fieldset">
        <legend>{t('app.incidents.mode')}</legend>
        {(['emergency', 'announce'] as const).map((value) => (
          <label key={value} className="sb-app-check">
            <input type="radio" name="incident-mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
            {t(`app.incidents.modes.${value}`)} — <span className="sb-app-muted">{t(`app.incidents.modeHints.${value}`)}</span>
          </label>
        ))}
      </fieldset>
      {mode === 'announce' && (
        <fieldset className="sb-app-fieldset">
          <legend>{t('app.incidents.announcement')}</legend>
          {texts.map((row, index) => (
            <div key={index} className="sb-app-row">
              <input className="sb-app-input sb-app-input--inline" aria-label={t('app.incidents.language')} value={row.language} size={6} onChange={(e) => setTexts(texts.map((r, i) => (i === index ? { ...r, language: e.target.value } : r)))} />
              <textarea className="sb-app-input" aria-label={t('app.incidents.announcementIn', { language: row.language })} rows={2} value={row.text} onChange={(e) => setTexts(texts.map((r, i) => (i === index ? { ...r, text: e.target.value } : r)))} />
            </div>
          ))}
          <button type="button" className="sb-app-button" onClick={() => setTexts([...texts, { language: texts.some((r) => r.language === 'zh-CN') ? '' : 'zh-CN', text: '' }])}>
            {t('app.incidents.addLanguage')}
          </button>
        </fieldset>
      )}
      <label className="sb-app-field">
        <span>{t('app.incidents.endsAt')}</span>
        <input className="sb-app-input" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        <small className="sb-app-muted">{t('app.incidents.endsAtHint')}</small>
      </label>
      <label className="sb-app-field">
        <span>{t('app.incidents.reason')}</span>
        <input className="sb-app-input" value={reason} maxLength={500} required onChange={(e) => setReason(e.target.value)} />
      </label>
      {switchOn.isError && <ErrorMessage error={switchOn.error} />}
    </Dialog>
  );
}

/** Confirms switching an override off. */
export function SwitchOffDialog({ incident, onClose }: { incident: Incident; onClose(): void }) {
  const { t } = useTranslation();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const switchOff = useMutation({
    mutationFn: () => client.incidents.switchOff.mutate({ id: incident.id, reason: reason.trim() }),
    onSuccess: () => onClose(),
    onSettled: () => queryClient.invalidateQueries(),
  });
  return (
    <Dialog
      title={t('app.incidents.switchOffTitle')}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="sb-app-button" onClick={onClose}>
            {t('app.incidents.cancel')}
          </button>
          <button type="button" className="sb-app-button sb-app-button--primary" disabled={switchOff.isPending} onClick={() => switchOff.mutate()}>
            {t('app.incidents.confirmOff')}
          </button>
        </>
      }
    >
      <p>
        <IncidentSummary incident={incident} />
      </p>
      <label className="sb-app-field">
        <span>{t('app.incidents.offReason')}</span>
        <input className="sb-app-input" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </label>
      {switchOff.isError && <ErrorMessage error={switchOff.error} />}
    </Dialog>
  );
}

/** The override of one scope (a binding, or an environment's global one): its state and the switch. */
export function IncidentSwitch({ environment, address, own, effective }: { environment: Environment; address: string | null; own: Incident | undefined; effective: Incident | undefined }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'on' | 'off' | null>(null);
  const label = address ?? environment;
  return (
    <div className="sb-app-incident-switch" data-testid={`incident-${environment}-${address ?? 'all'}`}>
      {effective ? <IncidentSummary incident={effective} /> : <span className="sb-app-muted">{t('app.incidents.off')}</span>}{' '}
      {own ? (
        <GuardedButton permission="switchIncidents" className="sb-app-button" onClick={() => setDialog('off')}>
          {t('app.incidents.switchOff', { target: label })}
        </GuardedButton>
      ) : (
        <GuardedButton permission="switchIncidents" className="sb-app-button sb-app-button--danger" onClick={() => setDialog('on')}>
          {t('app.incidents.switchOn', { target: label })}
        </GuardedButton>
      )}
      {dialog === 'on' && <SwitchOnDialog environment={environment} address={address} onClose={() => setDialog(null)} />}
      {dialog === 'off' && own && <SwitchOffDialog incident={own} onClose={() => setDialog(null)} />}
    </div>
  );
}
