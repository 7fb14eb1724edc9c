import type { Binding, FlowSummary } from '../api/trpc';

/** Where a flow stands: never published, or its latest version and the numbers/routes running it. */
export interface FlowStatus {
  latestVersion: number | null;
  live: Binding[];
}

export function flowStatus(flow: Pick<FlowSummary, 'name' | 'latestVersionNumber'>, bindings: readonly Binding[]): FlowStatus {
  return {
    latestVersion: flow.latestVersionNumber > 0 ? flow.latestVersionNumber : null,
    live: bindings.filter((b) => b.flowName === flow.name),
  };
}

/** The version a publish is compared with: what production runs, else staging, else the latest version. */
export function liveVersionNumber(status: FlowStatus): number | null {
  const production = status.live.filter((b) => b.environment === 'production').map((b) => b.versionNumber);
  if (production.length > 0) return Math.max(...production);
  const staging = status.live.map((b) => b.versionNumber);
  if (staging.length > 0) return Math.max(...staging);
  return status.latestVersion;
}

/** Flows whose name or description contains every word of the search, ignoring case. */
export function matchesSearch(flow: Pick<FlowSummary, 'name' | 'description'>, search: string): boolean {
  const haystack = `${flow.name} ${flow.description}`.toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
