import type { CompiledCalendar } from '../calendars/compiled.js';
import type { CompiledFlow } from '../compiler/compiled.js';

/**
 * A flow together with the sub-flows it may call, by name, and the shared calendars its schedules read. A single
 * flow with no sub-flows runs as is; the runtime and simulator link published sub-flow versions and the calendars'
 * current revisions into a program when a call starts — the call keeps them (pinned) until it ends.
 */
export interface Program {
  main: string;
  flows: Readonly<Record<string, CompiledFlow>>;
  /** Calendar name → the revision this call uses. Absent or missing names: schedules decide without them. */
  calendars?: Readonly<Record<string, CompiledCalendar>>;
}

export type Runnable = CompiledFlow | Program;

export function isProgram(runnable: Runnable): runnable is Program {
  return (runnable as Program).flows !== undefined && (runnable as Program).main !== undefined;
}

/** Bundle a flow with its sub-flows. Missing names surface at call time as a clean failure, never a throw. */
export function linkProgram(main: CompiledFlow, library: Iterable<CompiledFlow> = [], calendars?: Readonly<Record<string, CompiledCalendar>>): Program {
  const flows: Record<string, CompiledFlow> = { [main.name]: main };
  for (const flow of library) if (!(flow.name in flows)) flows[flow.name] = flow;
  return calendars ? { main: main.name, flows, calendars } : { main: main.name, flows };
}

/** A calendar of the program by name (own properties only), or undefined. */
export function calendarByName(runnable: Runnable, name: string): CompiledCalendar | undefined {
  if (!isProgram(runnable) || !runnable.calendars) return undefined;
  return Object.prototype.hasOwnProperty.call(runnable.calendars, name) ? runnable.calendars[name] : undefined;
}

export function flowByName(runnable: Runnable, name: string): CompiledFlow | undefined {
  if (isProgram(runnable)) return Object.prototype.hasOwnProperty.call(runnable.flows, name) ? runnable.flows[name] : undefined;
  return runnable.name === name ? runnable : undefined;
}

export function mainFlow(runnable: Runnable): CompiledFlow | undefined {
  return isProgram(runnable) ? runnable.flows[runnable.main] : runnable;
}
