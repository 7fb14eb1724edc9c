import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useTRPC } from '../api/trpc';

/** Ends the session on the server, forgets every cached answer and returns to the login page. */
export function LogoutButton() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        queryClient.setQueryData(trpc.auth.me.queryKey(), null);
        navigate('/');
      },
    }),
  );
  return (
    <button type="button" className="sb-app-button" onClick={() => logout.mutate()} disabled={logout.isPending}>
      {t('app.header.signOut')}
    </button>
  );
}
