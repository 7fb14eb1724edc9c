import { canonicalTimeZone, localTimeOf, ScenarioSchema, type FlowDocument, type Scenario, type SimulationInputs } from '@switchboard/flows';
import type { FormProblem } from './forms/form-problem';
import { mocksFromForms, mockToForm, type HttpMockForm } from './forms/http-mock-form';

/** The start form's fields, as the tester edits them (text inputs). */
export interface CallInputsForm {
  caller: string;
  dialled: string;
  localTime: string;
  timezone: string;
  language: string;
  emergency: boolean;
  /** Simulate the call under an incident override: none, emergency routing, or an announcement first. */
  incident: 'none' | 'emergency' | 'announce';
  /** The announcement's text (in the call's language, or the flow's first) for `announce`. */
  incidentText: string;
  /** Channel variables, one `name=value` a line. */
  channel: string;
  agentsLoggedIn: number;
  agentsAvailable: number;
  callersWaiting: number;
  estimatedWaitSeconds: number;
  agentAnswers: boolean;
  agentAnswersAfterSeconds: number;
  talkSeconds: number;
  transferResult: Scenario['transfer']['result'];
  ringSeconds: number;
  callbackResult: Scenario['callback']['result'];
  /** Mocked web service answers, as their forms edit them. */
  http: HttpMockForm[];
}

export const DEFAULT_FORM: CallInputsForm = {
  caller: '+447700900123',
  dialled: '1000',
  localTime: '2026-11-23T10:00',
  timezone: 'Europe/London',
  language: '',
  emergency: false,
  incident: 'none',
  incidentText: '',
  channel: '',
  agentsLoggedIn: 3,
  agentsAvailable: 0,
  callersWaiting: 2,
  estimatedWaitSeconds: 60,
  agentAnswers: true,
  agentAnswersAfterSeconds: 45,
  talkSeconds: 120,
  transferResult: 'answered',
  ringSeconds: 5,
  callbackResult: 'booked',
  http: [],
};

/**
 * The start form for a flow: the time zone of its first schedule (else the default) and "now" there, so a test call
 * happens when and where the tester expects; the rest as {@link DEFAULT_FORM}.
 */
export function defaultFormFor(document: FlowDocument, now: number): CallInputsForm {
  const schedule = document.nodes.find((node) => node.type === 'schedule');
  const zone = schedule?.type === 'schedule' ? canonicalTimeZone(schedule.data.timezone) : null;
  const timezone = zone ?? DEFAULT_FORM.timezone;
  return { ...DEFAULT_FORM, timezone, localTime: localTimeOf(now, timezone).slice(0, 16) };
}

function channelVariables(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const separator = line.indexOf('=');
    if (separator > 0) variables[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  }
  return variables;
}

/** The form as simulation inputs, or every problem, each at its field (`http.0.status`, `call.localTime`). */
export function inputsFromForm(form: CallInputsForm): { ok: true; inputs: SimulationInputs } | { ok: false; problems: FormProblem[] } {
  const mocks = mocksFromForms(form.http);
  if (!mocks.ok) return { ok: false, problems: mocks.problems };
  const parsed = ScenarioSchema.safeParse({
    name: 'test call',
    call: {
      caller: form.caller,
      dialled: form.dialled,
      localTime: form.localTime,
      timezone: form.timezone,
      ...(form.language === '' ? {} : { language: form.language }),
      channel: channelVariables(form.channel),
      flags: form.emergency ? { emergency: true } : {},
      ...(form.incident === 'none'
        ? {}
        : { incident: { mode: form.incident, announcement: form.incident === 'announce' ? { [form.language || 'en']: { text: form.incidentText } } : {} } }),
    },
    queue: {
      agentsLoggedIn: form.agentsLoggedIn,
      agentsAvailable: form.agentsAvailable,
      callersWaiting: form.callersWaiting,
      estimatedWaitSeconds: form.estimatedWaitSeconds,
      agentAnswersAfterSeconds: form.agentAnswers ? form.agentAnswersAfterSeconds : null,
      talkSeconds: form.talkSeconds,
    },
    transfer: { result: form.transferResult, ringSeconds: form.ringSeconds },
    callback: { result: form.callbackResult },
    http: mocks.mocks,
  });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: issue.path as (string | number)[], message: issue.message, translate: false })) };
  const { call, queue, queues, transfer, callback, http: httpMocks } = parsed.data;
  return { ok: true, inputs: { call, queue, queues, transfer, callback, http: httpMocks } };
}

/** A saved scenario's inputs back in the form (to re-run or adjust it). */
export function formFromScenario(scenario: Scenario): CallInputsForm {
  return {
    caller: scenario.call.caller,
    dialled: scenario.call.dialled,
    localTime: scenario.call.localTime,
    timezone: scenario.call.timezone,
    language: scenario.call.language ?? '',
    emergency: scenario.call.flags['emergency'] === true,
    incident: scenario.call.incident?.mode ?? 'none',
    incidentText: Object.values(scenario.call.incident?.announcement ?? {})[0]?.text ?? '',
    channel: Object.entries(scenario.call.channel).map(([name, value]) => `${name}=${value}`).join('\n'),
    agentsLoggedIn: scenario.queue.agentsLoggedIn,
    agentsAvailable: scenario.queue.agentsAvailable,
    callersWaiting: scenario.queue.callersWaiting,
    estimatedWaitSeconds: scenario.queue.estimatedWaitSeconds,
    agentAnswers: scenario.queue.agentAnswersAfterSeconds !== null,
    agentAnswersAfterSeconds: scenario.queue.agentAnswersAfterSeconds ?? DEFAULT_FORM.agentAnswersAfterSeconds,
    talkSeconds: scenario.queue.talkSeconds,
    transferResult: scenario.transfer.result,
    ringSeconds: scenario.transfer.ringSeconds,
    callbackResult: scenario.callback.result,
    http: scenario.http.map(mockToForm),
  };
}
