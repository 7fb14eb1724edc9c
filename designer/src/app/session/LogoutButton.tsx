import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc';

/**
 * Ends the session on the server, then loads the app afresh at `/`: nothing the previous user saw stays in
 * memory, and the login page shows.
 */
export function LogoutButton() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const logout = useMutation(trpc.auth.logout.mutationOptions({ onSuccess: () => window.location.assign('/') }));
  return (
    <button type="button" className="sb-app-button" onClick={() => logout.mutate()} disabled={logout.isPending}>
      {t('app.header.signOut')}
    </button>
  );
}
