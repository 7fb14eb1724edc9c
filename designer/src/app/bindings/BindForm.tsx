import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ENVIRONMENTS, useTRPCClient, type Environment, type FlowSummary } from '../api/trpc';
import { usePermission } from '../permissions/usePermission';
import { FlowVersionFields } from './FlowVersionFields';
import { ErrorMessage } from '../ui/ErrorMessage';

/** Binds a phone number or route to a published flow in one environment (admins). */
export function BindForm({ flows }: { flows: readonly FlowSummary[] }) {
  const { t } = useTranslation();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const permission = usePermission('bindNumbers');
  const published = flows.filter((f) => f.latestVersionNumber > 0 && f.archivedAt === null);
  const [address, setAddress] = useState('');
  const [environment, setEnvironment] = useState<Environment>('staging');
  const [flowName, setFlowName] = useState('');
  const [version, setVersion] = useState('');
  const [reason, setReason] = useState('');
  const chosen = published.find((f) => f.name === flowName);
  const bind = useMutation({
    mutationFn: () =>
      client.deployments.bind.mutate({ address: address.trim(), environment, flowName, reason, ...(version ? { versionNumber: Number(version) } : {}) }),
    onSuccess: () => {
      setAddress('');
      setReason('');
    },
    onSettled: () => queryClient.invalidateQueries(),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    bind.mutate();
  };
  return (
    <form className="sb-app-card sb-app-bind" onSubmit={submit} aria-label={t('app.bindings.bindTitle')}>
      <h2>{t('app.bindings.bindTitle')}</h2>
      <fieldset disabled={!permission.allowed} title={permission.reason} className="sb-app-bind__fields">
        <label className="sb-app-field">
          <span>{t('app.bindings.address')}</span>
          <input className="sb-app-input" value={address} required onChange={(e) => setAddress(e.target.value)} placeholder="+15550100" />
          <small className="sb-app-muted">{t('app.bindings.addressHint')}</small>
        </label>
        <label className="sb-app-field">
          <span>{t('app.bindings.environment')}</span>
          <select className="sb-app-input" value={environment} onChange={(e) => setEnvironment(e.target.value as Environment)}>
            {ENVIRONMENTS.map((env) => (
              <option key={env} value={env}>
                {t(`app.environments.${env}`)}
              </option>
            ))}
          </select>
        </label>
        <FlowVersionFields
          published={published}
          flowName={flowName}
          version={version}
          onFlowChange={(name) => {
            setFlowName(name);
            setVersion('');
          }}
          onVersionChange={setVersion}
        />
        <label className="sb-app-field">
          <span>{t('app.bindings.reason')}</span>
          <input className="sb-app-input" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="submit" className="sb-app-button sb-app-button--primary" disabled={bind.isPending || !flowName || !address.trim()}>
          {t('app.bindings.bind')}
        </button>
      </fieldset>
      {!permission.allowed && <p className="sb-app-muted">{permission.reason}</p>}
      {bind.isError && <ErrorMessage error={bind.error} />}
      {bind.isSuccess && <p role="status">{t('app.bindings.bound', { address: bind.data.address ?? '', version: bind.data.versionNumber ?? '' })}</p>}
    </form>
  );
}
