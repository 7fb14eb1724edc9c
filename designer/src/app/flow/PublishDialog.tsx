import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowDocument } from '@switchboard/flows';
import { useTRPC, useTRPCClient, type Binding } from '../api/trpc';
import { usePermission } from '../permissions/usePermission';
import { DiagnosticList } from '../ui/DiagnosticList';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { ChangeSummary } from '../versions/ChangeSummary';
import { PublishSwitchWarnings } from './PublishSwitchWarnings';

interface PublishDialogProps {
  flowId: string;
  flowName: string;
  /** The version callers hear now (what the changes are compared with); null before the first publish. */
  liveVersion: number | null;
  /** Numbers/routes running this flow: each can be switched to the new version right away. */
  bindings: readonly Binding[];
  /** The draft being published, to name its steps and fields in the problems and changes (ids stay as detail). */
  document?: FlowDocument;
  /** Saves pending edits; resolves to the draft revision to publish, or null if the draft could not be saved. */
  ensureSaved(): Promise<number | null>;
  onClose(): void;
}

/**
 * Publishing: the draft is saved, checked on the server and compared with the live version. Errors block it
 * (listed, each with its fix); otherwise the publisher writes a message and may make it live on the flow's numbers.
 */
export function PublishDialog({ flowId, flowName, liveVersion, bindings, document, ensureSaved, onClose }: PublishDialogProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const activation = usePermission('activateVersions');
  const [revision, setRevision] = useState<number | null | undefined>(undefined);
  const [message, setMessage] = useState('');
  const [activate, setActivate] = useState<Set<string>>(() => new Set());

  useEffect(() => {
    let cancelled = false;
    void ensureSaved().then((saved) => !cancelled && setRevision(saved));
    return () => {
      cancelled = true;
    };
  }, [ensureSaved]);

  const ready = typeof revision === 'number';
  const check = useQuery({ queryKey: ['publish-check', flowId, revision], queryFn: () => client.flows.validate.mutate({ flowId }), enabled: ready, gcTime: 0 });
  const changes = useQuery({ ...trpc.flows.diffVersions.queryOptions({ flowId, from: liveVersion ?? 1, to: 'draft' }), enabled: ready && liveVersion !== null, gcTime: 0 });
  const errors = (check.data?.diagnostics ?? []).filter((d) => d.severity === 'error');
  const warnings = (check.data?.diagnostics ?? []).filter((d) => d.severity === 'warning');

  const publish = useMutation({
    mutationFn: async () => {
      const published = await client.flows.publish.mutate({ flowId, message, baseRevision: revision ?? undefined });
      const activated: Binding[] = [];
      for (const binding of bindings.filter((b) => activate.has(b.id) && b.versionNumber < published.version.number)) {
        await client.deployments.activate.mutate({ address: binding.address, environment: binding.environment, versionNumber: published.version.number, reason: message });
        activated.push(binding);
      }
      return { ...published, activated };
    },
    onSettled: () => queryClient.invalidateQueries(),
  });

  const toggle = (id: string) =>
    setActivate((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const done = publish.isSuccess;
  return (
    <Dialog
      title={t('app.publish.title', { name: flowName })}
      onClose={onClose}
      wide
      actions={
        <>
          <button type="button" className="sb-app-button" onClick={onClose}>
            {done ? t('app.common.close') : t('app.common.cancel')}
          </button>
          {!done && (
            <button
              type="button"
              className="sb-app-button sb-app-button--primary"
              disabled={!ready || !check.isSuccess || errors.length > 0 || publish.isPending}
              title={errors.length > 0 ? t('app.publish.blockedTitle', { count: errors.length }) : undefined}
              onClick={() => publish.mutate()}
            >
              {publish.isPending ? t('app.publish.publishing') : t('app.publish.submit')}
            </button>
          )}
        </>
      }
    >
      {revision === undefined && <p role="status">{t('app.publish.saving')}</p>}
      {revision === null && (
        <p className="sb-app-error" role="alert">
          {t('app.publish.notSaved')}
        </p>
      )}
      {ready && check.isPending && <p role="status">{t('app.publish.checking')}</p>}
      {check.isError && <ErrorMessage error={check.error} />}
      {done ? (
        <div role="status" data-testid="publish-result">
          <p>{publish.data.created ? t('app.publish.published', { version: publish.data.version.number }) : t('app.publish.unchanged', { version: publish.data.version.number })}</p>
          {publish.data.activated.map((b) => (
            <p key={b.id}>{t('app.publish.activated', { address: b.address, environment: t(`app.environments.${b.environment}`), version: publish.data.version.number })}</p>
          ))}
          <PublishSwitchWarnings warnings={publish.data.switchWarnings} />
        </div>
      ) : (
        check.isSuccess && (
          <>
            {errors.length > 0 ? (
              <div className="sb-app-blocked" role="alert" data-testid="publish-blocked">
                <p>{t('app.publish.blocked', { count: errors.length })}</p>
                <DiagnosticList diagnostics={errors} document={document} />
              </div>
            ) : (
              <>
                {warnings.length > 0 && <p className="sb-app-muted">{t('app.publish.warnings', { count: warnings.length })}</p>}
                <h3>{liveVersion === null ? t('app.publish.firstVersion') : t('app.publish.changesSince', { version: liveVersion })}</h3>
                {changes.isPending && liveVersion !== null && <p>{t('app.loading')}</p>}
                {changes.isError && <ErrorMessage error={changes.error} />}
                {changes.data && <ChangeSummary diff={changes.data} after={document} />}
                <label className="sb-app-field">
                  <span>{t('app.publish.message')}</span>
                  <textarea className="sb-app-input" rows={2} maxLength={500} value={message} placeholder={t('app.publish.messagePlaceholder')} onChange={(e) => setMessage(e.target.value)} />
                </label>
                {bindings.length > 0 && (
                  <fieldset className="sb-app-fieldset">
                    <legend>{t('app.publish.makeLive')}</legend>
                    {bindings.map((binding) => (
                      <label key={binding.id} className="sb-app-check" title={activation.reason}>
                        <input type="checkbox" disabled={!activation.allowed} checked={activate.has(binding.id)} onChange={() => toggle(binding.id)} />{' '}
                        {t('app.publish.bindingOption', { address: binding.address, environment: t(`app.environments.${binding.environment}`), version: binding.versionNumber })}
                      </label>
                    ))}
                  </fieldset>
                )}
              </>
            )}
          </>
        )
      )}
      {publish.isError && <ErrorMessage error={publish.error} document={document} />}
    </Dialog>
  );
}
