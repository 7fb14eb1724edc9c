import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../api/trpc';
import { flowStatus, type FlowStatus } from '../flows/flow-status';

/** The flow's status: latest version and the numbers/routes running it. */
export function useFlowStatus(flow: { name: string; latestVersionNumber: number } | undefined): FlowStatus {
  const trpc = useTRPC();
  const bindings = useQuery(trpc.deployments.list.queryOptions({}));
  return useMemo(() => flowStatus(flow ?? { name: '', latestVersionNumber: 0 }, bindings.data ?? []), [flow, bindings.data]);
}
