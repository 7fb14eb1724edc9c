import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc';
import { DateTime } from '../ui/DateTime';
import { ErrorMessage } from '../ui/ErrorMessage';

/**
 * Sign-ins being slowed down after failures (admins only), each with a button that lets it try again at once. An
 * account is throttled per address, so the owner is never locked out; this is for the owner's own typos.
 */
export function SignInThrottles() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const throttles = useQuery(trpc.users.signInThrottles.queryOptions());
  const clear = useMutation(
    trpc.users.clearSignInThrottle.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.users.signInThrottles.queryKey() }) }),
  );
  return (
    <section className="sb-app-card" aria-label={t('app.users.throttlesTitle')}>
      <h2>{t('app.users.throttlesTitle')}</h2>
      <p className="sb-app-muted">{t('app.users.throttlesIntro')}</p>
      {throttles.isError && <ErrorMessage error={throttles.error} />}
      {clear.isError && <ErrorMessage error={clear.error} />}
      {throttles.data?.length === 0 && <p>{t('app.users.throttlesNone')}</p>}
      {throttles.data && throttles.data.length > 0 && (
        <table className="sb-app-table">
          <thead>
            <tr>
              <th>{t('app.users.throttleAccount')}</th>
              <th>{t('app.users.throttleAddress')}</th>
              <th>{t('app.users.throttleFailures')}</th>
              <th>{t('app.users.throttleRefused')}</th>
              <th>{t('app.users.throttleBlockedUntil')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {throttles.data.map((row) => {
              const account = row.email === '' ? t('app.users.throttleAnyAccount') : row.email;
              return (
                <tr key={`${row.email} ${row.address}`} data-testid={`throttle-${row.email || '*'}-${row.address}`}>
                  <td>{account}</td>
                  <td>
                    <code>{row.address}</code>
                  </td>
                  <td>{row.failures}</td>
                  <td>{row.refused}</td>
                  <td>{row.blockedUntil ? <DateTime value={row.blockedUntil} /> : <span className="sb-app-muted">{t('app.users.throttleNotBlocked')}</span>}</td>
                  <td>
                    <button
                      type="button"
                      className="sb-app-button"
                      aria-label={t('app.users.throttleClearLabel', { account, address: row.address })}
                      disabled={clear.isPending}
                      onClick={() => clear.mutate({ email: row.email, address: row.address })}
                    >
                      {t('app.users.throttleClear')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
