import { flowRequirements } from '@switchboard/flows';
import type { PinnedVersion } from '../registry/registry.js';

/** The mod_callcenter queues the live versions (and the sub-flows they link) send callers to, sorted, each once. */
export function queuesOfLiveFlows(live: readonly PinnedVersion[]): string[] {
  const queues = new Set<string>();
  for (const pinned of live) {
    for (const flow of Object.values(pinned.program.flows)) {
      for (const { requirement } of flowRequirements(flow)) if (requirement.kind === 'queue') queues.add(requirement.queue);
    }
  }
  return [...queues].sort();
}
