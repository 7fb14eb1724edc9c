import type { CompiledFlow } from '../compiler/compiled.js';

/**
 * A flow together with the sub-flows it may call, by name. A single flow with no sub-flows runs as is; the
 * runtime and simulator link published sub-flow versions into a program when a call starts.
 */
export interface Program {
  main: string;
  flows: Readonly<Record<string, CompiledFlow>>;
}

export type Runnable = CompiledFlow | Program;

export function isProgram(runnable: Runnable): runnable is Program {
  return (runnable as Program).flows !== undefined && (runnable as Program).main !== undefined;
}

/** Bundle a flow with its sub-flows. Missing names surface at call time as a clean failure, never a throw. */
export function linkProgram(main: CompiledFlow, library: Iterable<CompiledFlow> = []): Program {
  const flows: Record<string, CompiledFlow> = { [main.name]: main };
  for (const flow of library) if (!(flow.name in flows)) flows[flow.name] = flow;
  return { main: main.name, flows };
}

export function flowByName(runnable: Runnable, name: string): CompiledFlow | undefined {
  if (isProgram(runnable)) return Object.prototype.hasOwnProperty.call(runnable.flows, name) ? runnable.flows[name] : undefined;
  return runnable.name === name ? runnable : undefined;
}

export function mainFlow(runnable: Runnable): CompiledFlow | undefined {
  return isProgram(runnable) ? runnable.flows[runnable.main] : runnable;
}
