import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useTRPC, useTRPCClient, type FlowSummary } from '../api/trpc';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { createFlowWithDocument } from './create-flow';

/** Copies a flow's current draft into a new flow under a new name. */
export function DuplicateFlowDialog({ flow, onClose }: { flow: FlowSummary; onClose(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [name, setName] = useState(() => `${flow.name} copy`.slice(0, 80));
  const duplicate = useMutation({
    mutationFn: async () => {
      const source = await client.flows.get.query({ flowId: flow.id });
      return createFlowWithDocument(client, name.trim(), source.description, source.draft);
    },
    onSuccess: async (flowId) => {
      await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
      navigate(`/flows/${flowId}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    duplicate.mutate();
  };
  return (
    <Dialog
      title={t('app.flows.duplicate.title', { name: flow.name })}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="sb-app-button" onClick={onClose}>
            {t('app.common.cancel')}
          </button>
          <button type="submit" form="duplicate-flow-form" className="sb-app-button sb-app-button--primary" disabled={duplicate.isPending || name.trim() === ''}>
            {t('app.flows.duplicate.submit')}
          </button>
        </>
      }
    >
      <form id="duplicate-flow-form" onSubmit={submit}>
        <label className="sb-app-field">
          <span>{t('app.flows.new.name')}</span>
          <input className="sb-app-input" value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
        </label>
        {duplicate.isError && <ErrorMessage error={duplicate.error} />}
      </form>
    </Dialog>
  );
}
