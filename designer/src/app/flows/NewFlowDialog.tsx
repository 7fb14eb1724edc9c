import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useTRPC, useTRPCClient } from '../api/trpc';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { createFlowWithDocument } from './create-flow';
import { FLOW_TEMPLATES } from './flow-templates';

/** Name a new flow and choose how it starts: blank (a start node) or from an example. */
export function NewFlowDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [templateId, setTemplateId] = useState('');
  const create = useMutation({
    mutationFn: () => {
      const template = FLOW_TEMPLATES.find((candidate) => candidate.id === templateId);
      return createFlowWithDocument(client, name.trim(), description || (template?.document.description ?? ''), template?.document ?? null);
    },
    onSuccess: async (flowId) => {
      await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
      navigate(`/flows/${flowId}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Dialog
      title={t('app.flows.new.title')}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="sb-app-button" onClick={onClose}>
            {t('app.common.cancel')}
          </button>
          <button type="submit" form="new-flow-form" className="sb-app-button sb-app-button--primary" disabled={create.isPending || name.trim() === ''}>
            {t('app.flows.new.create')}
          </button>
        </>
      }
    >
      <form id="new-flow-form" onSubmit={submit}>
        <label className="sb-app-field">
          <span>{t('app.flows.new.name')}</span>
          <input className="sb-app-input" value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
          <small className="sb-app-muted">{t('app.flows.new.nameHint')}</small>
        </label>
        <label className="sb-app-field">
          <span>{t('app.flows.new.description')}</span>
          <input className="sb-app-input" value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label className="sb-app-field">
          <span>{t('app.flows.new.startFrom')}</span>
          <select className="sb-app-input" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            <option value="">{t('app.flows.new.blank')}</option>
            {FLOW_TEMPLATES.map((template) => (
              <option key={template.id} value={template.id}>
                {t('app.flows.new.example', { name: template.document.name })}
              </option>
            ))}
          </select>
        </label>
        {create.isError && <ErrorMessage error={create.error} />}
      </form>
    </Dialog>
  );
}
