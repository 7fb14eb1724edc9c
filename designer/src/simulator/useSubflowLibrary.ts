import type { CompiledFlow, FlowDocument } from '@switchboard/flows';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../app/api/trpc';
import { subflowNames } from './subflow-names';

/** The published sub-flows a test call links with, and what the panel tells the tester about them. */
export interface SubflowLibrary {
  flows: readonly CompiledFlow[];
  unpublished: readonly string[];
  loading: boolean;
  /** Why the sub-flows could not be loaded, when they could not. */
  loadError: string | null;
}

const NONE: readonly CompiledFlow[] = [];

/**
 * Loads the live (or latest published) compiled version of every sub-flow the document calls, transitively, so
 * a test call enters them as a real call would. Refetched only when the set of called names changes.
 */
export function useSubflowLibrary(document: FlowDocument): SubflowLibrary {
  const trpc = useTRPC();
  const key = subflowNames(document).join('\n');
  const names = useMemo(() => (key === '' ? [] : key.split('\n')), [key]);
  const query = useQuery({ ...trpc.flows.compiledByNames.queryOptions({ names }), enabled: names.length > 0 });
  if (names.length === 0) return { flows: NONE, unpublished: [], loading: false, loadError: null };
  return {
    flows: (query.data?.flows as CompiledFlow[] | undefined) ?? NONE,
    unpublished: query.data?.unpublished ?? [],
    loading: query.isPending,
    loadError: query.isError ? query.error.message : null,
  };
}
