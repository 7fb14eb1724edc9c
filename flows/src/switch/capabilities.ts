import type { CompiledFlow } from '../compiler/compiled.js';
import { nodeDefinition } from '../nodes/registry.js';
import { modulesForRequirement, type SwitchSettings } from './modules.js';
import type { SwitchRequirement } from './requirements.js';

/** What a switch reported about itself on connecting. */
export interface SwitchCapabilities {
  /** Module → loaded (`module_exists`). Modules not listed were not asked about and are never reported missing. */
  readonly modules: Readonly<Record<string, boolean>>;
  /** Queues mod_callcenter knows (`callcenter_config queue list`); null when they could not be listed. */
  readonly queues: readonly string[] | null;
}

/** One node's need, located in its flow. */
export interface NodeRequirement {
  readonly flow: string;
  readonly nodeId: string;
  readonly nodeType: string;
  readonly requirement: SwitchRequirement;
}

/** A need the switch cannot meet: a module it has not loaded, or a queue it does not know. */
export type SwitchProblem = NodeRequirement & ({ readonly kind: 'missingModule'; readonly module: string } | { readonly kind: 'unknownQueue'; readonly queue: string });

/** Every switch requirement of a compiled flow's nodes, in node id order, as each node type declares them. */
export function flowRequirements(flow: CompiledFlow): NodeRequirement[] {
  const found: NodeRequirement[] = [];
  for (const nodeId of Object.keys(flow.nodes).sort()) {
    const node = flow.nodes[nodeId];
    if (!node) continue;
    const requirements = nodeDefinition(node.type)?.requirements?.(node.config) ?? [];
    for (const requirement of requirements) found.push({ flow: flow.name, nodeId, nodeType: node.type, requirement });
  }
  return found;
}

/** The modules to ask a switch about for these requirements (sorted, each once). */
export function modulesNeeded(requirements: readonly NodeRequirement[], settings: SwitchSettings): string[] {
  return [...new Set(requirements.flatMap((need) => modulesForRequirement(need.requirement, settings)))].sort();
}

/**
 * The requirements a switch cannot meet. A queue on a switch without mod_callcenter is reported once, as the
 * missing module; a queue name is checked only when the switch listed its queues.
 */
export function switchProblems(requirements: readonly NodeRequirement[], capabilities: SwitchCapabilities, settings: SwitchSettings): SwitchProblem[] {
  const problems: SwitchProblem[] = [];
  for (const need of requirements) {
    const missing = modulesForRequirement(need.requirement, settings).filter((module) => capabilities.modules[module] === false);
    for (const module of missing) problems.push({ ...need, kind: 'missingModule', module });
    if (need.requirement.kind === 'queue' && missing.length === 0 && capabilities.queues !== null && !capabilities.queues.includes(need.requirement.queue)) {
      problems.push({ ...need, kind: 'unknownQueue', queue: need.requirement.queue });
    }
  }
  return problems;
}

/** One English line for a problem, for logs: `node q1 of "Main" uses queue "sales", which the switch does not know`. */
export function describeSwitchProblem(problem: SwitchProblem): string {
  const where = `node ${problem.nodeId} of "${problem.flow}"`;
  return problem.kind === 'missingModule'
    ? `${where} needs ${problem.module}, which the switch has not loaded`
    : `${where} uses queue "${problem.queue}", which the switch does not know`;
}
