import type { VariableValue } from '../document/common.js';
import type { Runnable } from '../interpreter/program.js';
import type { CallerAction, ExpectedOutcome, Scenario, ScenarioExpectations } from './scenario.js';
import { Simulation } from './simulation.js';

/** The first way a run differs from what its scenario expects. */
export type ScenarioDifference =
  | { kind: 'cannotStart'; message: string }
  /** The call ended before the script was done. */
  | { kind: 'endedEarly'; step: number; action: CallerAction; outcome: ExpectedOutcome; nodeId: string | null }
  /** The script pressed keys nothing listened to (the menu or queue exit key is gone). */
  | { kind: 'keysIgnored'; step: number; digits: string; nodeId: string | null }
  | { kind: 'notVisited'; expected: string; after: string | null; path: string[] }
  | { kind: 'notHeard'; expected: string; heard: string[] }
  | { kind: 'outcome'; expected: ExpectedOutcome; actual: ExpectedOutcome }
  /** A variable holds another value than expected (`actual` undefined: the flow has no such variable). */
  | { kind: 'variable'; name: string; expected: VariableValue; actual: VariableValue | undefined };

export interface ScenarioResult {
  scenario: string;
  passed: boolean;
  difference: ScenarioDifference | null;
  /** The run itself (transcript, visits), or null when the call could not start. */
  simulation: Simulation | null;
}

/** What the simulated call came to, in the terms a scenario expects. */
export function outcomeOf(simulation: Simulation): ExpectedOutcome {
  return simulation.outcome ?? 'inProgress';
}

function describeAction(action: CallerAction): string {
  switch (action.action) {
    case 'press':
      return `press ${action.digits}`;
    case 'silence':
      return 'stay silent';
    case 'hangUp':
      return 'hang up';
    case 'wait':
      return `wait ${action.seconds} s`;
    default:
      return 'act';
  }
}

/** The difference in one English sentence (the CLI and API errors use it; the designer translates by kind). */
export function describeDifference(difference: ScenarioDifference): string {
  switch (difference.kind) {
    case 'cannotStart':
      return difference.message;
    case 'endedEarly':
      return `the call ended (${difference.outcome}) at node ${difference.nodeId ?? '?'} before script step ${difference.step} (${describeAction(difference.action)})`;
    case 'keysIgnored':
      return `script step ${difference.step}: nothing listened to key(s) ${difference.digits} at node ${difference.nodeId ?? '?'}`;
    case 'notVisited':
      return `expected the call to pass node ${difference.expected}${difference.after === null ? '' : ` after ${difference.after}`}, but it went ${difference.path.join(' → ') || '(nowhere)'}`;
    case 'notHeard':
      return `expected the caller to hear "${difference.expected}", but they heard ${difference.heard.length === 0 ? 'nothing' : difference.heard.map((h) => `"${h}"`).join(', ')}`;
    case 'outcome':
      return `expected the call to end ${difference.expected}, but it ${difference.actual === 'inProgress' ? 'is still in progress' : `ended ${difference.actual}`}`;
    case 'variable':
      return `expected variable ${difference.name} to be ${JSON.stringify(difference.expected)}, but it ${difference.actual === undefined ? 'does not exist' : `is ${JSON.stringify(difference.actual)}`}`;
    default:
      return 'unknown difference';
  }
}

/** The first expectation `simulation` does not meet, or null. */
export function compareWithExpectations(simulation: Simulation, expect: ScenarioExpectations): ScenarioDifference | null {
  const path = simulation.visits();
  let position = 0;
  let previous: string | null = null;
  for (const expected of expect.visits) {
    const found = path.indexOf(expected, position);
    if (found < 0) return { kind: 'notVisited', expected, after: previous, path };
    position = found + 1;
    previous = expected;
  }
  const heard = simulation.heard();
  let from = 0;
  for (const expected of expect.heard) {
    const found = heard.findIndex((text, index) => index >= from && text.includes(expected));
    if (found < 0) return { kind: 'notHeard', expected, heard: heard.slice(from) };
    from = found;
  }
  const actual = outcomeOf(simulation);
  if (expect.outcome !== undefined && expect.outcome !== actual) return { kind: 'outcome', expected: expect.outcome, actual };
  const vars = simulation.state.vars;
  for (const [name, expected] of Object.entries(expect.variables ?? {})) {
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (!Object.is(value, expected)) return { kind: 'variable', name, expected, actual: value };
  }
  return null;
}

/**
 * Runs a saved scenario on the interpreter with the simulated edge: before each scripted action the call runs
 * until it needs the caller; at the end the expectations are checked. Pure and deterministic.
 */
export function runScenario(runnable: Runnable, scenario: Scenario): ScenarioResult {
  const started = Simulation.start(runnable, scenario);
  if (!(started instanceof Simulation)) return { scenario: scenario.name, passed: false, difference: { kind: 'cannotStart', message: started.error }, simulation: null };
  const simulation = started;
  const fail = (difference: ScenarioDifference): ScenarioResult => ({ scenario: scenario.name, passed: false, difference, simulation });
  simulation.runToInput();
  for (const [index, action] of scenario.script.entries()) {
    const nodeId = simulation.activeNode?.nodeId ?? null;
    if (simulation.ended) return fail({ kind: 'endedEarly', step: index + 1, action, outcome: outcomeOf(simulation), nodeId });
    const result = simulation.perform(action);
    if (result?.kind === 'ignored' && action.action === 'press') return fail({ kind: 'keysIgnored', step: index + 1, digits: action.digits, nodeId });
    simulation.runToInput();
  }
  const difference = compareWithExpectations(simulation, scenario.expect);
  return difference ? fail(difference) : { scenario: scenario.name, passed: true, difference: null, simulation };
}

/** Runs every scenario of a flow. */
export function runScenarios(runnable: Runnable, scenarios: readonly Scenario[]): ScenarioResult[] {
  return scenarios.map((scenario) => runScenario(runnable, scenario));
}
