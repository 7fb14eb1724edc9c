import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPCClient, type Binding } from '../api/trpc';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';

interface ChangeVersionDialogProps {
  binding: Binding;
  /** The version to make live: newer than the live one (activate) or older (roll back). */
  target: number;
  onClose(): void;
}

/**
 * Confirms changing what a number runs: says what callers will get and asks why, for the deployment history.
 * Nothing changes until the person confirms.
 */
export function ChangeVersionDialog({ binding, target, onClose }: ChangeVersionDialogProps) {
  const { t } = useTranslation();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const goingBack = target < binding.versionNumber;
  const values = { address: binding.address, environment: t(`app.environments.${binding.environment}`), from: binding.versionNumber, to: target, version: target };
  const change = useMutation({
    mutationFn: () => {
      const input = { address: binding.address, environment: binding.environment, versionNumber: target, reason: reason.trim() };
      return goingBack ? client.deployments.rollback.mutate(input) : client.deployments.activate.mutate(input);
    },
    onSuccess: () => onClose(),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const confirmLabel = goingBack ? t('app.bindings.rollBackTo', { version: target }) : t('app.bindings.activate', { version: target });
  return (
    <Dialog
      title={goingBack ? t('app.bindings.confirm.rollBackTitle', values) : t('app.bindings.confirm.activateTitle', values)}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="sb-app-button" onClick={onClose}>
            {t('app.bindings.confirm.cancel')}
          </button>
          <button
            type="button"
            className={goingBack ? 'sb-app-button sb-app-button--danger' : 'sb-app-button sb-app-button--primary'}
            disabled={reason.trim() === '' || change.isPending}
            onClick={() => change.mutate()}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <p data-testid="change-version-explain">{t('app.bindings.confirm.explain', values)}</p>
      <label className="sb-app-field">
        <span>{t('app.rollback.reason')}</span>
        <input className="sb-app-input" value={reason} maxLength={500} required placeholder={goingBack ? t('app.rollback.reasonPlaceholder') : t('app.bindings.confirm.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} />
      </label>
      {change.isError && <ErrorMessage error={change.error} />}
    </Dialog>
  );
}
