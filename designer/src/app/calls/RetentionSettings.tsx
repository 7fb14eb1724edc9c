import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorInfo } from '../api/api-error';
import { useTRPC } from '../api/trpc';
import { formatTime } from '../analytics/format';
import { usePermission } from '../permissions/usePermission';

/** How long call records are kept; admins change it here. */
export function RetentionSettings() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const manage = usePermission('manageRetention');
  const retention = useQuery(trpc.calls.retention.queryOptions());
  const [days, setDays] = useState<string>('');
  const save = useMutation(
    trpc.calls.setRetention.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.calls.retention.queryKey(), saved);
        setDays('');
      },
    }),
  );
  if (!retention.data) return null;
  const current = retention.data;
  return (
    <section className="sb-calls-retention" data-testid="retention">
      <h2>{t('app.calls.retention.title')}</h2>
      <p className="sb-app-muted">{t('app.calls.retention.current', { days: current.retentionDays })}</p>
      {current.lastPurgeAt && <p className="sb-app-muted">{t('app.calls.retention.lastPurge', { count: current.lastPurgeCalls, at: formatTime(current.lastPurgeAt, i18n.language) })}</p>}
      {manage.allowed && (
        <form
          className="sb-analytics-filters"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ retentionDays: Number(days || current.retentionDays) });
          }}
        >
          <label>
            {t('app.calls.retention.days')}
            <input type="number" min={30} max={3650} value={days || String(current.retentionDays)} onChange={(e) => setDays(e.target.value)} data-testid="retention-days" />
          </label>
          <button type="submit" className="sb-app-button" disabled={save.isPending}>
            {t('app.calls.retention.save')}
          </button>
          {save.isSuccess && <span role="status">{t('app.calls.retention.saved', { days: save.data.retentionDays })}</span>}
          {save.isError && <span role="alert" className="sb-app-error-text">{apiErrorInfo(save.error).message}</span>}
        </form>
      )}
    </section>
  );
}
