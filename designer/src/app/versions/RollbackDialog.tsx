import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPCClient, type Binding } from '../api/trpc';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';

interface RollbackDialogProps {
  flowName: string;
  version: number;
  /** Bindings running a newer version of this flow: the ones that can go back to `version`. */
  bindings: readonly Binding[];
  onClose(): void;
}

/** Confirms a rollback: which numbers go back to which version, and why (required, kept in the history). */
export function RollbackDialog({ flowName, version, bindings, onClose }: RollbackDialogProps) {
  const { t } = useTranslation();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(bindings.map((b) => b.id)));
  const [reason, setReason] = useState('');
  const rollback = useMutation({
    mutationFn: async () => {
      for (const binding of bindings.filter((b) => chosen.has(b.id))) {
        await client.deployments.rollback.mutate({ address: binding.address, environment: binding.environment, versionNumber: version, reason: reason.trim() });
      }
    },
    onSettled: () => queryClient.invalidateQueries(),
    onSuccess: onClose,
  });
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Dialog
      title={t('app.rollback.title', { name: flowName, version })}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="sb-app-button" onClick={onClose}>
            {t('app.common.cancel')}
          </button>
          <button type="button" className="sb-app-button sb-app-button--danger" disabled={chosen.size === 0 || reason.trim() === '' || rollback.isPending} onClick={() => rollback.mutate()}>
            {t('app.rollback.confirm', { version })}
          </button>
        </>
      }
    >
      <p>{t('app.rollback.explain', { version })}</p>
      <fieldset className="sb-app-fieldset">
        <legend>{t('app.rollback.which')}</legend>
        {bindings.map((binding) => (
          <label key={binding.id} className="sb-app-check">
            <input type="checkbox" checked={chosen.has(binding.id)} onChange={() => toggle(binding.id)} />{' '}
            {t('app.rollback.bindingOption', { address: binding.address, environment: t(`app.environments.${binding.environment}`), from: binding.versionNumber, to: version })}
          </label>
        ))}
      </fieldset>
      <label className="sb-app-field">
        <span>{t('app.rollback.reason')}</span>
        <input className="sb-app-input" value={reason} maxLength={500} required onChange={(e) => setReason(e.target.value)} placeholder={t('app.rollback.reasonPlaceholder')} />
      </label>
      {rollback.isError && <ErrorMessage error={rollback.error} />}
    </Dialog>
  );
}
