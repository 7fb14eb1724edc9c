import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../../server/app-router';

/** TanStack Query bindings for the API: `useTRPC()` gives query/mutation options, `useTRPCClient()` plain calls. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/**
 * Requests up to this size go out with `keepalive`, so a save started as the page closes still reaches the server.
 * Browsers cap keepalive bodies in flight at 64 KiB in all; two of these fit.
 */
export const KEEPALIVE_BODY_LIMIT = 30_000;

const utf8 = new TextEncoder();

/** `fetch` with `keepalive` for small request bodies (see {@link KEEPALIVE_BODY_LIMIT}). */
export const fetchKeepingSmallRequestsAlive: typeof fetch = (input, init) => {
  const body = init?.body;
  const small = typeof body === 'string' && body.length <= KEEPALIVE_BODY_LIMIT && utf8.encode(body).byteLength <= KEEPALIVE_BODY_LIMIT;
  return fetch(input, small ? { ...init, keepalive: true } : init);
};

/** The browser's API client: same origin, the session travels in the HttpOnly cookie. */
export function createBrowserClient(baseUrl = '') {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${baseUrl}/trpc`, fetch: fetchKeepingSmallRequestsAlive })] });
}

export type ApiClient = ReturnType<typeof createBrowserClient>;
export type ApiOutputs = inferRouterOutputs<AppRouter>;
export type ApiInputs = inferRouterInputs<AppRouter>;
export type SessionUser = NonNullable<ApiOutputs['auth']['me']>;
export type Role = SessionUser['role'];
export type FlowSummary = ApiOutputs['flows']['list'][number];
export type FlowDetail = ApiOutputs['flows']['get'];
export type VersionSummary = ApiOutputs['flows']['listVersions'][number];
/** Field-level differences between two versions, as the API sends them. */
export type VersionDiff = ApiOutputs['flows']['diffVersions'];
export type FieldChange = VersionDiff['flow'][number];
export type Binding = ApiOutputs['deployments']['list'][number];
export type DeploymentRecord = ApiOutputs['deployments']['history'][number];
export type Environment = Binding['environment'];
export const ENVIRONMENTS: readonly Environment[] = ['staging', 'production'];
export const ROLES: readonly Role[] = ['editor', 'tester', 'publisher', 'admin'];
