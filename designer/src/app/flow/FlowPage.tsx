import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc';
import { ErrorMessage } from '../ui/ErrorMessage';
import { FlowDraftEditor } from './FlowDraftEditor';

/** A flow's draft in the editor. Loaded fresh on every visit, so editing starts from the latest revision. */
export function FlowPage({ flowId }: { flowId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const flow = useQuery(trpc.flows.get.queryOptions({ flowId }, { gcTime: 0, refetchOnWindowFocus: false, refetchOnReconnect: false }));
  if (flow.isPending) return <p className="sb-app-splash">{t('app.loading')}</p>;
  if (flow.isError) return <main className="sb-app-page"><ErrorMessage error={flow.error} /></main>;
  return <FlowDraftEditor key={flow.data.id} flow={flow.data} />;
}
