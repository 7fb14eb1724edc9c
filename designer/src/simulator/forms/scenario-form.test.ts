import { ScenarioSchema, type Scenario } from '@switchboard/flows';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import holidayHoursJson from '../../../../flows/examples/holiday-hours.json';
import { bodyFieldsOf, bodyFromFields, mockFromForm, mockToForm, NEW_MOCK, switchBodyMode } from './http-mock-form';
import { problemText } from './problem-text';
import { scenarioFromForm, scenarioToForm, type ScenarioForm } from './scenario-form';

const t = i18n.t.bind(i18n);
afterEach(() => void i18n.changeLanguage('en'));

/** A scenario using everything the format has, including what the form does not show. */
const rich: Scenario = ScenarioSchema.parse({
  name: 'Gold customer on Christmas Eve',
  description: 'CRM says gold; the caller presses 1, waits and hangs up.',
  call: {
    callId: 'call-7',
    caller: '+441632960001',
    dialled: '0800',
    localTime: '2026-12-24T16:30:15',
    timezone: 'Europe/London',
    language: 'en',
    channel: { sip_from_user: 'alice', region: 'north' },
    flags: { emergency: false, storm: true },
    incident: { mode: 'announce', announcement: { en: { text: 'Storm' }, 'zh-CN': { text: '暴风' } } },
  },
  script: [{ action: 'press', digits: '1#' }, { action: 'wait', seconds: 12.5 }, { action: 'silence' }, { action: 'hangUp' }],
  queue: { agentsLoggedIn: 2, agentsAvailable: 1, callersWaiting: 4, estimatedWaitSeconds: 90, agentAnswersAfterSeconds: null, talkSeconds: 30 },
  queues: { 'billing@default': { agentsLoggedIn: 0 } },
  transfer: { result: 'busy', ringSeconds: 8 },
  callback: { result: 'alreadyScheduled' },
  http: [
    { url: 'https://crm.example.com/*', method: 'GET', status: 200, body: '{"customer":{"tier":"gold","since":2019,"vip":true,"note":null}}', delayMs: 250 },
    { url: 'https://slow.example.com/x', status: 503, body: '[1,2]', delayMs: 9000 },
    { url: 'https://down.example.com/*', error: 'connection refused' },
    { url: 'https://pretty.example.com/', body: '{\n  "a": 1\n}' },
  ],
  expect: { visits: ['start', 'hours', 'Billing/ask'], outcome: 'callerHungUp', heard: ['Merry', 'press 1'], variables: { tier: 'gold', retries: 2, vip: true, note: null } },
});

describe('scenario form', () => {
  it('gives back the very same scenario: form → JSON → form', () => {
    const form = scenarioToForm(rich);
    const back = scenarioFromForm(form, rich);
    expect(back).toEqual({ ok: true, scenario: rich });
    // Through JSON and back into the form: nothing is lost on the way.
    const reread = ScenarioSchema.parse(JSON.parse(JSON.stringify(back.ok && back.scenario)));
    expect(scenarioToForm(reread)).toEqual(form);
  });

  it('gives back the example flow’s saved scenarios unchanged', () => {
    for (const scenario of (holidayHoursJson as { scenarios: unknown[] }).scenarios.map((s) => ScenarioSchema.parse(s))) {
      expect(scenarioFromForm(scenarioToForm(scenario), scenario)).toEqual({ ok: true, scenario });
    }
  });

  it('applies what the tester changed and keeps what the form does not show', () => {
    const form: ScenarioForm = scenarioToForm(rich);
    form.name = 'Renamed';
    form.inputs.caller = '+441632960002';
    form.inputs.emergency = true;
    form.script.push({ action: 'press', digits: '0', seconds: '' });
    form.expect.outcome = '';
    form.expect.variables[0] = { name: 'tier', type: 'text', value: 'silver' };
    form.inputs.http[0]!.bodyFields.find((f) => f.path === 'customer.tier')!.value = 'silver';
    const result = scenarioFromForm(form, rich);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const scenario = result.scenario;
    expect(scenario.name).toBe('Renamed');
    expect(scenario.call).toEqual({ ...rich.call, caller: '+441632960002', flags: { emergency: true, storm: true } });
    expect(scenario.queues).toEqual(rich.queues);
    expect(scenario.script.at(-1)).toEqual({ action: 'press', digits: '0' });
    expect(scenario.expect.outcome).toBeUndefined();
    expect(scenario.expect.variables).toEqual({ tier: 'silver', retries: 2, vip: true, note: null });
    expect(JSON.parse(scenario.http[0]!.body)).toEqual({ customer: { tier: 'silver', since: 2019, vip: true, note: null } });
  });

  it('names every field that is wrong, in the UI language', async () => {
    const form = scenarioToForm(rich);
    form.name = ' ';
    form.script[0]!.digits = '1x';
    form.script[1]!.seconds = 'soon';
    form.inputs.http[1]!.status = '2OO';
    form.inputs.http[0]!.bodyFields[1]!.value = 'twenty';
    form.expect.variables[1]!.name = 'tier';
    const result = scenarioFromForm(form, rich);
    expect(result.ok).toBe(false);
    const texts = result.ok ? [] : result.problems.map((p) => problemText(t, p));
    expect(texts).toEqual([
      'Name: must not be empty',
      'Web service answers › Answer 1 › Body › Field 2 › Value: must be a number',
      'Web service answers › Answer 2 › HTTP status: must be a whole number',
      'What the caller does › Step 1 › Keys: keys are 0–9, * and #',
      'What the caller does › Step 2 › Seconds: must be a number',
      'What must happen › Variables at the end › Variable 2 › Name: is checked twice',
    ]);
    await i18n.changeLanguage('zh-CN');
    expect(result.ok ? '' : problemText(t, result.problems[4]!)).toBe('来电者的操作 › 第 2 步 › 秒数: 必须是数字');
  });
});

describe('HTTP mock form', () => {
  it('shows a compact JSON object body as fields, anything else as text', () => {
    expect(bodyFieldsOf('{"customer":{"tier":"gold"},"ok":true}')).toEqual([
      { path: 'customer.tier', type: 'text', value: 'gold' },
      { path: 'ok', type: 'boolean', value: 'true' },
    ]);
    expect(bodyFieldsOf('[1,2]')).toBeNull();
    expect(bodyFieldsOf('{\n  "a": 1\n}')).toBeNull();
    expect(bodyFieldsOf('{"a":{}}')).toBeNull();
    expect(mockToForm(rich.http[3]!).bodyMode).toBe('text');
  });

  it('builds the body from fields and refuses a field used twice or inside another', () => {
    expect(bodyFromFields([{ path: 'customer.tier', type: 'text', value: 'gold' }, { path: 'customer.since', type: 'number', value: '2019' }], [])).toEqual({ ok: true, body: '{"customer":{"tier":"gold","since":2019}}' });
    const clash = bodyFromFields([{ path: 'customer', type: 'text', value: 'x' }, { path: 'customer.tier', type: 'text', value: 'gold' }], ['http', 0]);
    expect(clash.ok ? [] : clash.problems.map((p) => problemText(t, p))).toEqual(['Web service answers › Answer 1 › Body › Field 2 › Field: is used twice, or inside another field']);
  });

  it('fails as the network would when asked, and switches the body between fields and text', () => {
    const failing = mockFromForm({ ...NEW_MOCK, url: 'https://crm.example.com/*', fails: true, error: 'timeout' }, ['http', 0]);
    expect(failing).toEqual({ ok: true, mock: { url: 'https://crm.example.com/*', status: 200, body: '', error: 'timeout', delayMs: 100 } });
    const asText = switchBodyMode({ ...NEW_MOCK, bodyFields: [{ path: 'tier', type: 'text', value: 'gold' }] }, 'text');
    expect(asText?.bodyText).toBe('{"tier":"gold"}');
    expect(switchBodyMode({ ...NEW_MOCK, bodyMode: 'text', bodyText: '{\n "tier": "gold"\n}' }, 'fields')?.bodyFields).toEqual([{ path: 'tier', type: 'text', value: 'gold' }]);
    expect(switchBodyMode({ ...NEW_MOCK, bodyMode: 'text', bodyText: '<xml/>' }, 'fields')).toBeNull();
  });
});
