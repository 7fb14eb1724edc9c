import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc';
import { ErrorMessage } from '../ui/ErrorMessage';
import { CurrentUserContext } from './CurrentUserContext';
import { LoginPage } from './LoginPage';

/** Asks the server who is signed in; shows the login page until someone is. */
export function SignedInGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000, retry: 1 }));
  if (me.isPending) return <p className="sb-app-splash">{t('app.loading')}</p>;
  if (me.isError) return <main className="sb-app-splash"><ErrorMessage error={me.error} /></main>;
  if (!me.data) return <LoginPage />;
  return <CurrentUserContext.Provider value={me.data}>{children}</CurrentUserContext.Provider>;
}
