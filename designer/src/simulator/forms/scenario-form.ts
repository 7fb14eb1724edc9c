import { CallerActionSchema, EXPECTED_OUTCOMES, ScenarioSchema, type CallerAction, type ExpectedOutcome, type Scenario } from '@switchboard/flows';
import { formFromScenario, inputsFromForm, type CallInputsForm } from '../call-inputs';
import type { FormProblem } from './form-problem';
import { scalarOf, typedValueOf, type Scalar, type TypedValue } from './typed-value';

export const CALLER_ACTIONS = ['press', 'wait', 'silence', 'hangUp'] as const satisfies readonly CallerAction['action'][];

/** One thing the caller does, as the form edits it (keys and seconds as typed). */
export interface ScriptStepForm {
  action: CallerAction['action'];
  digits: string;
  seconds: string;
}

/** "Variable `tier` equals "gold"" as the form edits it. */
export interface VariableExpectationForm extends TypedValue {
  name: string;
}

/** A saved scenario as the form edits it: its call settings (the test-call form), the caller's script, what must happen. */
export interface ScenarioForm {
  name: string;
  description: string;
  inputs: CallInputsForm;
  script: ScriptStepForm[];
  expect: {
    /** Steps the call must pass, in order: main-flow node ids, or `Flow name/nodeId` in a sub-flow. */
    visits: string[];
    outcome: '' | ExpectedOutcome;
    heard: string[];
    variables: VariableExpectationForm[];
  };
}

export const NEW_STEP: ScriptStepForm = { action: 'press', digits: '1', seconds: '10' };

function stepToForm(action: CallerAction): ScriptStepForm {
  switch (action.action) {
    case 'press':
      return { ...NEW_STEP, action: 'press', digits: action.digits };
    case 'wait':
      return { ...NEW_STEP, action: 'wait', seconds: String(action.seconds) };
    case 'silence':
    case 'hangUp':
      return { ...NEW_STEP, action: action.action };
  }
}

/** A saved scenario in the form. */
export function scenarioToForm(scenario: Scenario): ScenarioForm {
  return {
    name: scenario.name,
    description: scenario.description,
    inputs: formFromScenario(scenario),
    script: scenario.script.map(stepToForm),
    expect: {
      visits: [...scenario.expect.visits],
      outcome: scenario.expect.outcome ?? '',
      heard: [...scenario.expect.heard],
      variables: Object.entries(scenario.expect.variables ?? {}).map(([name, value]) => ({ name, ...typedValueOf(value) })),
    },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `next`, except where it equals what the form made of `base` (`derived`): there `base` stays as it was. The form
 * shows only part of a scenario (one language of an incident announcement, the emergency flag, no call id or
 * per-queue states); what the tester did not touch is kept exactly.
 */
export function keepUntouched(base: unknown, derived: unknown, next: unknown): unknown {
  if (JSON.stringify(next) === JSON.stringify(derived)) return base;
  if (isPlainObject(next) && isPlainObject(derived)) {
    const baseObject = isPlainObject(base) ? base : {};
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(next), ...Object.keys(baseObject)])) {
      const value = key in next ? keepUntouched(baseObject[key], derived[key], next[key]) : key in derived ? undefined : baseObject[key];
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  return next;
}

function stepFromForm(step: ScriptStepForm, index: number): { ok: true; action: CallerAction } | { ok: false; problems: FormProblem[] } {
  const at = ['script', index];
  let candidate: unknown;
  switch (step.action) {
    case 'press':
      candidate = { action: 'press', digits: step.digits.trim() };
      break;
    case 'wait': {
      const seconds = Number(step.seconds.trim());
      if (step.seconds.trim() === '' || !Number.isFinite(seconds)) return { ok: false, problems: [{ field: [...at, 'seconds'], message: 'simulator.form.problems.notNumber', translate: true }] };
      candidate = { action: 'wait', seconds };
      break;
    }
    case 'silence':
    case 'hangUp':
      candidate = { action: step.action };
      break;
  }
  const parsed = CallerActionSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, action: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: [...at, ...(issue.path as (string | number)[])], message: issue.message, translate: false })) };
}

/**
 * The form as a scenario, or every problem, each at its field (`script.1.digits`, `http.0.status`,
 * `expect.variables.0.value`). `base` is the scenario being edited: what the form does not show is kept from it.
 */
export function scenarioFromForm(form: ScenarioForm, base: Scenario): { ok: true; scenario: Scenario } | { ok: false; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  if (form.name.trim() === '') problems.push({ field: ['name'], message: 'simulator.form.problems.required', translate: true });
  const inputs = inputsFromForm(form.inputs);
  if (!inputs.ok) problems.push(...inputs.problems);

  const script: CallerAction[] = [];
  form.script.forEach((step, index) => {
    const result = stepFromForm(step, index);
    if (result.ok) script.push(result.action);
    else problems.push(...result.problems);
  });

  const variables: Record<string, Scalar> = {};
  form.expect.variables.forEach((row, index) => {
    const name = row.name.trim();
    if (name === '') problems.push({ field: ['expect', 'variables', index, 'name'], message: 'simulator.form.problems.required', translate: true });
    else if (name in variables) problems.push({ field: ['expect', 'variables', index, 'name'], message: 'simulator.form.problems.variableTwice', translate: true });
    const value = scalarOf(row);
    if (!value.ok) problems.push({ field: ['expect', 'variables', index, 'value'], message: `simulator.form.problems.${value.problem}`, translate: true });
    else if (name !== '') variables[name] = value.value;
  });
  form.expect.visits.forEach((visit, index) => {
    if (visit.trim() === '') problems.push({ field: ['expect', 'visits', index], message: 'simulator.form.problems.required', translate: true });
  });
  form.expect.heard.forEach((text, index) => {
    if (text.trim() === '') problems.push({ field: ['expect', 'heard', index], message: 'simulator.form.problems.required', translate: true });
  });
  if (problems.length > 0 || !inputs.ok) return { ok: false, problems };

  const derived = inputsFromForm(formFromScenario(base));
  const settings = derived.ok ? (keepUntouched(pickInputs(base), derived.inputs, inputs.inputs) as typeof inputs.inputs) : inputs.inputs;
  const hadVariables = base.expect.variables !== undefined;
  const candidate = {
    ...base,
    name: form.name.trim(),
    description: form.description,
    ...settings,
    script,
    expect: {
      visits: form.expect.visits.map((visit) => visit.trim()),
      ...(form.expect.outcome === '' ? {} : { outcome: form.expect.outcome }),
      heard: [...form.expect.heard],
      ...(hadVariables || Object.keys(variables).length > 0 ? { variables } : {}),
    },
  };
  const parsed = ScenarioSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, scenario: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: issue.path as (string | number)[], message: issue.message, translate: false })) };
}

function pickInputs(scenario: Scenario) {
  const { call, queue, queues, transfer, callback, http } = scenario;
  return { call, queue, queues, transfer, callback, http };
}

export const OUTCOME_CHOICES: readonly ('' | ExpectedOutcome)[] = ['', ...EXPECTED_OUTCOMES];
