import type { Scenario } from './scenario.js';
import { outcomeOf } from './run-scenario.js';
import type { Simulation } from './simulation.js';

/** Consecutive repeats (a queue announcement every minute) are one expectation. */
function withoutRepeats(texts: readonly string[]): string[] {
  return texts.filter((text, index) => text !== '' && text !== texts[index - 1]);
}

/**
 * A finished (or stopped) test call as a scenario, in one click: its inputs and script, and as expectations the
 * path it took, what the caller heard and how it ended. Replaying it gives the same call.
 */
export function scenarioFromRun(simulation: Simulation, name: string): Scenario {
  const inputs = simulation.inputs;
  return {
    name,
    description: '',
    call: { ...inputs.call, channel: { ...inputs.call.channel }, flags: { ...inputs.call.flags }, ...(inputs.call.incident ? { incident: structuredClone(inputs.call.incident) } : {}) },
    script: simulation.actions.map((action) => ({ ...action })),
    queue: { ...inputs.queue },
    queues: Object.fromEntries(Object.entries(inputs.queues).map(([name, state]) => [name, { ...state }])),
    transfer: { ...inputs.transfer },
    callback: { ...inputs.callback },
    http: inputs.http.map((mock) => ({ ...mock })),
    expect: { visits: simulation.visits(), outcome: outcomeOf(simulation), heard: withoutRepeats(simulation.heard()) },
  };
}
