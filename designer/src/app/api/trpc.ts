import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '../../../server/app-router';

/** TanStack Query bindings for the API: `useTRPC()` gives query/mutation options, `useTRPCClient()` plain calls. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** The browser's API client: same origin, the session travels in the HttpOnly cookie. */
export function createBrowserClient(baseUrl = '') {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${baseUrl}/trpc` })] });
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
