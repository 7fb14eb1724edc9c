import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useTRPC, type FlowSummary } from '../api/trpc';
import { GuardedButton } from '../permissions/GuardedButton';
import { DateTime } from '../ui/DateTime';
import { ErrorMessage } from '../ui/ErrorMessage';
import type { FlowStatus } from './flow-status';
import { FlowStatusBadges } from './FlowStatusBadges';

interface FlowRowProps {
  flow: FlowSummary;
  status: FlowStatus;
  onDuplicate(flow: FlowSummary): void;
}

/** One flow in the list: name, status, last save, and duplicate / archive. */
export function FlowRow({ flow, status, onDuplicate }: FlowRowProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const archived = flow.archivedAt !== null;
  const archive = useMutation(
    trpc.flows.archive.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }) }),
  );
  return (
    <tr className={archived ? 'is-archived' : undefined} data-testid={`flow-row-${flow.name}`}>
      <td>
        <Link href={`/flows/${flow.id}`} className="sb-app-flow-link">
          {flow.name}
        </Link>
        {archived && <span className="sb-app-pill sb-app-pill--archived">{t('app.flows.status.archived')}</span>}
        {flow.description && <div className="sb-app-muted">{flow.description}</div>}
      </td>
      <td>
        <FlowStatusBadges status={status} />
      </td>
      <td className="sb-app-muted">
        {flow.draftSavedBy && t('app.flows.savedBy', { name: flow.draftSavedBy.displayName })} <DateTime value={flow.draftSavedAt} />
      </td>
      <td className="sb-app-actions">
        <GuardedButton permission="editFlows" onClick={() => onDuplicate(flow)}>
          {t('app.flows.duplicate.button')}
        </GuardedButton>
        <GuardedButton permission="editFlows" disabled={archive.isPending} onClick={() => archive.mutate({ flowId: flow.id, archived: !archived })}>
          {archived ? t('app.flows.unarchive') : t('app.flows.archive')}
        </GuardedButton>
        {archive.isError && <ErrorMessage error={archive.error} />}
      </td>
    </tr>
  );
}
