import { render } from '@testing-library/react';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { ReactNode } from 'react';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import type { AppRouter } from '../../../server/app-router';
import { AppProviders, createAppQueryClient } from '../App';
import type { ApiClient, SessionUser } from '../api/trpc';
import { CurrentUserContext } from '../session/CurrentUserContext';

/** Answers for procedures by path (`flows.publish`); a missing one fails the call loudly. */
export type FakeHandlers = Record<string, (input: unknown) => unknown>;

/** Every call the fake API received, in order. */
export interface CallLog {
  calls: { path: string; input: unknown }[];
}

/** A server-side error as the real API reports it (code, message, diagnostics). */
export function apiError(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return TRPCClientError.from({ error: { code: -32000, message, data: { code, httpStatus: 400, ...extra } } } as never);
}

/** A typed API client whose calls are answered by `handlers` in memory (no network). */
export function fakeApiClient(handlers: FakeHandlers, log: CallLog = { calls: [] }): ApiClient {
  const link: TRPCLink<AppRouter> = () => ({ op }) =>
    observable((observer) => {
      log.calls.push({ path: op.path, input: op.input });
      const handler = handlers[op.path];
      Promise.resolve()
        .then(() => {
          if (!handler) throw apiError('NOT_IMPLEMENTED', `fake API has no handler for ${op.path}`);
          return handler(op.input);
        })
        .then(
          (data) => {
            observer.next({ result: { type: 'data', data } });
            observer.complete();
          },
          (error: unknown) => observer.error(error instanceof TRPCClientError ? error : TRPCClientError.from(error as Error)),
        );
    });
  return createTRPCClient<AppRouter>({ links: [link] });
}

export const users: Record<SessionUser['role'], SessionUser> = {
  editor: { id: 'u-editor', email: 'editor@switchboard.local', displayName: 'Erin Editor', role: 'editor' },
  tester: { id: 'u-tester', email: 'tester@switchboard.local', displayName: 'Tess Tester', role: 'tester' },
  publisher: { id: 'u-publisher', email: 'publisher@switchboard.local', displayName: 'Pat Publisher', role: 'publisher' },
  admin: { id: 'u-admin', email: 'admin@switchboard.local', displayName: 'Ada Admin', role: 'admin' },
};

/** Renders `ui` as `user` would see it, against the fake API, at `path`. */
export function renderWithApi(ui: ReactNode, options: { handlers?: FakeHandlers; user?: SessionUser | null; path?: string } = {}) {
  const log: CallLog = { calls: [] };
  const client = fakeApiClient(options.handlers ?? {}, log);
  const queryClient = createAppQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  const location = memoryLocation({ path: options.path ?? '/', record: true });
  const user = options.user === undefined ? users.editor : options.user;
  const result = render(
    <AppProviders client={client} queryClient={queryClient}>
      <Router hook={location.hook}>
        <CurrentUserContext.Provider value={user}>{ui}</CurrentUserContext.Provider>
      </Router>
    </AppProviders>,
  );
  return { ...result, log, location, queryClient };
}
