import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../i18n';
import { hasErrorCode } from './api/api-error';
import { createBrowserClient, TRPCProvider, type ApiClient } from './api/trpc';
import { AppRoutes } from './AppRoutes';
import { SignedInGate } from './session/SignedInGate';
import './app.css';

/** A query client that sends the user back to sign-in when the session ends (expired, signed out elsewhere). */
export function createAppQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (hasErrorCode(error, 'UNAUTHORIZED')) void queryClient.invalidateQueries({ queryKey: [['auth', 'me']] });
      },
    }),
    defaultOptions: {
      queries: { retry: (count, error) => count < 2 && !hasErrorCode(error, 'UNAUTHORIZED') && !hasErrorCode(error, 'FORBIDDEN') && !hasErrorCode(error, 'NOT_FOUND'), refetchOnWindowFocus: false },
    },
  });
  return queryClient;
}

/** Providers around the app; tests pass their own client and query client. */
export function AppProviders({ client, queryClient, children }: { client: ApiClient; queryClient: QueryClient; children: React.ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}

/** The Switchboard designer: sign-in, flows, the editor, versions, numbers and users. */
export function App() {
  const [queryClient] = useState(createAppQueryClient);
  const [client] = useState(() => createBrowserClient());
  return (
    <AppProviders client={client} queryClient={queryClient}>
      <SignedInGate>
        <AppRoutes />
      </SignedInGate>
    </AppProviders>
  );
}
