import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFlowDocument } from '../document/parse.js';
import { describeDifference, runScenario } from './run-scenario.js';
import { ScenarioSchema, type ScenarioInput } from './scenario.js';
import { compileForTest } from './test-support.js';

const json = JSON.parse(readFileSync(new URL('../../examples/holiday-hours.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const holidayHours = compileForTest(json).flow;
const run = (input: ScenarioInput) => runScenario(holidayHours, ScenarioSchema.parse(input));
const christmas = { localTime: '2026-12-25T10:00', timezone: 'Europe/London' };
const workingDay = { localTime: '2026-11-23T10:00', timezone: 'Europe/London' };

describe('running a scenario', () => {
  it('passes when the path, the prompts and the outcome are as expected', () => {
    const result = run({ name: 'holiday', call: christmas, expect: { visits: ['hours', 'bye'], heard: ['holiday', 'Goodbye'], outcome: 'selfServed' } });
    expect(result).toMatchObject({ passed: true, difference: null });
  });

  it('reports a node the call did not pass, with the path it took', () => {
    const result = run({ name: 'holiday', call: christmas, expect: { visits: ['hours', 'menu'] } });
    expect(result.passed).toBe(false);
    expect(result.difference).toEqual({ kind: 'notVisited', expected: 'menu', after: 'hours', path: ['start', 'hours', 'holidayMessage', 'bye'] });
    expect(describeDifference(result.difference!)).toBe('expected the call to pass node menu after hours, but it went start → hours → holidayMessage → bye');
  });

  it('checks visits in order', () => {
    expect(run({ name: 'x', call: christmas, expect: { visits: ['bye', 'hours'] } }).difference).toMatchObject({ kind: 'notVisited', expected: 'hours', after: 'bye' });
  });

  it('reports a prompt the caller did not hear', () => {
    const result = run({ name: 'x', call: christmas, expect: { heard: ['press 1'] } });
    expect(result.difference).toMatchObject({ kind: 'notHeard', expected: 'press 1' });
    expect(describeDifference(result.difference!)).toMatch(/^expected the caller to hear "press 1", but they heard "Season's greetings/);
  });

  it('reports another outcome, or a call still in progress', () => {
    expect(run({ name: 'x', call: christmas, expect: { outcome: 'transferred' } }).difference).toEqual({ kind: 'outcome', expected: 'transferred', actual: 'selfServed' });
    const waiting = run({ name: 'x', call: workingDay, script: [{ action: 'press', digits: '1' }], expect: { outcome: 'answeredFromQueue' } });
    expect(describeDifference(waiting.difference!)).toBe('expected the call to end answeredFromQueue, but it is still in progress');
  });

  it('checks the values the flow’s variables hold at the end', () => {
    const tiered = compileForTest({
      schemaVersion: 1,
      name: 'tiers',
      languages: ['en'],
      variables: [{ name: 'tier', type: 'string' }, { name: 'vip', type: 'boolean' }],
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
        { id: 'set', type: 'setVariable', position: { x: 0, y: 0 }, data: { assignments: [{ variable: 'tier', expression: '"gold"' }, { variable: 'vip', expression: 'true' }] } },
        { id: 'bye', type: 'hangup', position: { x: 0, y: 0 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'start', sourceOutlet: 'next', target: 'set' },
        { id: 'e2', source: 'set', sourceOutlet: 'next', target: 'bye' },
      ],
    }).flow;
    const runTiered = (variables: Record<string, string | number | boolean | null>) => runScenario(tiered, ScenarioSchema.parse({ name: 'x', call: workingDay, expect: { variables } }));
    expect(runTiered({ tier: 'gold', vip: true })).toMatchObject({ passed: true });
    const wrong = runTiered({ tier: 'silver' });
    expect(wrong.difference).toEqual({ kind: 'variable', name: 'tier', expected: 'silver', actual: 'gold' });
    expect(describeDifference(wrong.difference!)).toBe('expected variable tier to be "silver", but it is "gold"');
    expect(runTiered({ vip: 'true' }).difference).toMatchObject({ kind: 'variable', name: 'vip', actual: true });
    expect(describeDifference(runTiered({ pin: '1234' }).difference!)).toBe('expected variable pin to be "1234", but it does not exist');
  });

  it('reads scenarios saved before variable expectations unchanged', () => {
    expect(ScenarioSchema.parse({ name: 'x', call: christmas }).expect).toEqual({ visits: [], heard: [] });
  });

  it('fails when the call ends before the script is done', () => {
    const result = run({ name: 'x', call: christmas, script: [{ action: 'press', digits: '1' }] });
    expect(result.difference).toMatchObject({ kind: 'endedEarly', step: 1, outcome: 'selfServed', nodeId: 'bye' });
  });

  it('fails when scripted keys find nothing listening (the menu option is gone)', () => {
    const result = run({ name: 'x', call: workingDay, script: [{ action: 'press', digits: '1' }, { action: 'press', digits: '7' }], queue: { agentsLoggedIn: 2 } });
    expect(result.difference).toMatchObject({ kind: 'keysIgnored', step: 2, digits: '7', nodeId: 'support' });
  });

  it('breaks when an edit changes what the caller hears', () => {
    const scenario = ScenarioSchema.parse({ name: 'holiday', call: christmas, expect: { heard: ['closed for the holiday'] } });
    expect(runScenario(holidayHours, scenario).passed).toBe(true);
    const edited = structuredClone(json) as { nodes: Array<{ id: string; data: { prompt?: { text: Record<string, string> } } }> };
    const node = edited.nodes.find((n) => n.id === 'holidayMessage');
    node!.data.prompt = { text: { en: 'We are closed today.' } };
    expect(runScenario(compileForTest(edited).flow, scenario).difference).toMatchObject({ kind: 'notHeard', expected: 'closed for the holiday' });
  });

  it('cannot start a call in a time zone that does not exist', () => {
    const scenario = { ...ScenarioSchema.parse({ name: 'x', call: christmas }), call: { ...ScenarioSchema.parse({ name: 'x', call: christmas }).call, timezone: 'Mars/Olympus' } };
    expect(runScenario(holidayHours, scenario)).toMatchObject({ passed: false, difference: { kind: 'cannotStart' }, simulation: null });
  });
});

describe('scenarios in the flow document', () => {
  it('are left out when there are none, survive parsing, and are checked like the rest of the document', () => {
    const { scenarios: _saved, ...withoutScenarios } = json;
    const parsed = parseFlowDocument(withoutScenarios);
    expect(parsed.ok && 'scenarios' in parsed.document).toBe(false);
    const bad = parseFlowDocument({ ...json, scenarios: [{ name: '', call: { localTime: 'Christmas', timezone: 'Nowhere/City' } }] });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics.map((d) => d.path)).toEqual(expect.arrayContaining(['scenarios[0].name', 'scenarios[0].call.localTime', 'scenarios[0].call.timezone']));
  });

  it('reject scripts with keys a phone does not have', () => {
    expect(ScenarioSchema.safeParse({ name: 'x', call: christmas, script: [{ action: 'press', digits: 'A' }] }).success).toBe(false);
  });
});

describe('an agent call longer than the queue’s maximum wait', () => {
  it('is not cut off to overflow: the max-wait timer stops when the agent picks up', () => {
    // holiday-hours overflows after 120 s of waiting; this agent picks up at 60 s and talks for 5 minutes.
    const result = run({
      name: 'long agent call',
      call: workingDay,
      script: [{ action: 'press', digits: '1' }, { action: 'wait', seconds: 400 }],
      queue: { agentsLoggedIn: 2, agentsAvailable: 0, callersWaiting: 1, estimatedWaitSeconds: 60, agentAnswersAfterSeconds: 60, talkSeconds: 300 },
      expect: { outcome: 'answeredFromQueue' },
    });
    expect(result.difference).toBeNull();
    expect(result.passed).toBe(true);
  });
});
