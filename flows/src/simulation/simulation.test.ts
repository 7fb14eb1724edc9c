import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioFromRun } from './from-run.js';
import { runScenario } from './run-scenario.js';
import { ScenarioSchema, type ScenarioInput } from './scenario.js';
import { Simulation } from './simulation.js';
import { compileForTest } from './test-support.js';

const example = (file: string) => compileForTest(JSON.parse(readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8'))).flow;
const holidayHours = example('holiday-hours.json');
const supportQueue = example('support-queue.json');
const mainMenu = example('main-menu.json');

function simulate(flow: Parameters<typeof Simulation.start>[0], input: Omit<ScenarioInput, 'name'>): Simulation {
  const simulation = Simulation.start(flow, ScenarioSchema.parse({ name: 'test', ...input }));
  if (!(simulation instanceof Simulation)) throw new Error(simulation.error);
  simulation.runToInput();
  return simulation;
}

const MONDAY_MORNING = { localTime: '2026-11-23T10:00', timezone: 'Europe/London' };

/** Account number entry: 4–6 digits ended by #, then an HTTP lookup, then a goodbye that uses the answer. */
const accountFlow = compileForTest({
  schemaVersion: 1,
  name: 'Account lookup',
  languages: ['en'],
  variables: [{ name: 'account', type: 'string' }, { name: 'tier', type: 'string' }],
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
    { id: 'ask', type: 'collectDigits', position: { x: 0, y: 100 }, data: { prompt: { text: { en: 'Enter your account number, then hash.' } }, variable: 'account', minDigits: 4, maxDigits: 6, maxRetries: 0 } },
    { id: 'lookup', type: 'httpRequest', position: { x: 0, y: 200 }, data: { url: 'https://crm.example.com/accounts/${account}', responseMapping: [{ variable: 'tier', path: 'tier' }] } },
    { id: 'thanks', type: 'hangup', position: { x: 0, y: 300 }, data: { goodbye: { text: { en: 'Your tier is ${tier}.' } } } },
    { id: 'sorry', type: 'hangup', position: { x: 0, y: 400 }, data: { goodbye: { text: { en: 'Sorry, we cannot find your account.' } } } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourceOutlet: 'next', target: 'ask' },
    { id: 'e2', source: 'ask', sourceOutlet: 'ok', target: 'lookup' },
    { id: 'e3', source: 'ask', sourceOutlet: 'failed', target: 'sorry' },
    { id: 'e4', source: 'lookup', sourceOutlet: 'ok', target: 'thanks' },
    { id: 'e5', source: 'lookup', sourceOutlet: 'error', target: 'sorry' },
  ],
}).flow;

describe('a simulated call', () => {
  it('on a holiday plays the holiday message to its end, then hangs up', () => {
    const call = simulate(holidayHours, { call: { localTime: '2026-12-25T10:00', timezone: 'Europe/London' } });
    expect(call.ended).toBe(true);
    expect(call.visits()).toEqual(['start', 'hours', 'holidayMessage', 'bye']);
    expect(call.heard()[0]).toMatch(/closed for the holiday/);
    // Time passed while the messages played: the hangup happens seconds after the call started.
    expect(call.now - call.startedAt).toBeGreaterThan(5000);
  });

  it('reads the call time in the scenario time zone: 13:00 in New York is 18:00 in London, after hours', () => {
    const london = simulate(holidayHours, { call: { localTime: '2026-11-23T13:00', timezone: 'Europe/London' } });
    const newYork = simulate(holidayHours, { call: { localTime: '2026-11-23T13:00', timezone: 'America/New_York' } });
    expect(london.visits()).toContain('menu');
    expect(newYork.visits()).toContain('closedMessage');
  });

  it('a key pressed at the menu is taken once the menu prompt has played', () => {
    const call = simulate(holidayHours, { call: MONDAY_MORNING });
    expect(call.waitingFor).toBe('digits');
    const before = call.now;
    call.press('1');
    const digits = call.transcript.find((entry) => entry.kind === 'event' && entry.event.type === 'digits');
    expect(digits?.at).toBeGreaterThan(before);
    expect(call.visits().at(-1)).toBe('support');
  });

  it('staying silent times the menu out after its timeout (the holiday-hours menu sends silence to the queue)', () => {
    const call = simulate(holidayHours, { call: MONDAY_MORNING });
    const start = call.now;
    call.silence();
    call.runToInput();
    const noInput = call.transcript.find((entry) => entry.kind === 'event' && entry.event.type === 'noInput');
    expect(noInput && noInput.at - start).toBeGreaterThanOrEqual(5000);
    expect(call.visits()).toContain('menu');
  });

  it('waits in the queue with position announcements until an agent answers and the agent call ends', () => {
    const call = simulate(supportQueue, { call: MONDAY_MORNING, queue: { callersWaiting: 4, estimatedWaitSeconds: 110, agentsLoggedIn: 2, agentAnswersAfterSeconds: 70, talkSeconds: 20 } });
    expect(call.waitingFor).toBe('queue');
    call.advance(30);
    expect(call.heard()).toContain('You are number 5 in the queue.');
    expect(call.heard()).toContain('Your expected wait is about 2 minutes.');
    call.advance(60);
    call.runToInput();
    expect(call.outcome).toBe('answeredFromQueue');
    expect(call.visits().at(-1)).toBe('bye');
  });

  it('the queue exit key leaves the queue for the callback, and a number that already has one hears so', () => {
    const call = simulate(supportQueue, { call: MONDAY_MORNING, callback: { result: 'alreadyScheduled' } });
    call.advance(10);
    expect(call.press('1')).toMatchObject({ kind: 'event', event: { type: 'queueExit', reason: 'exitKey', detail: '1' } });
    call.runToInput();
    expect(call.visits().at(-1)).toBe('callback');
    call.press('1');
    call.runToInput();
    expect(call.heard()).toContain('You already have a callback booked. We will call you as soon as it is your turn.');
    call.runToInput();
    // The request joined the earlier booking: the caller leaves as booked, never by the failure route (voicemail).
    expect(call.visits()).not.toContain('voicemail');
    expect(call.outcome).toBe('callbackScheduled');
  });

  it('keys that are not an exit key do nothing in the queue and are not part of the script', () => {
    const call = simulate(supportQueue, { call: MONDAY_MORNING });
    expect(call.press('5')).toEqual({ kind: 'ignored', why: 'notAnExitKey' });
    expect(call.actions).toEqual([]);
    expect(call.transcript.at(-1)).toMatchObject({ kind: 'keysIgnored', keys: '5' });
  });

  it('a hang-up in the queue is an abandoned call', () => {
    const call = simulate(supportQueue, { call: MONDAY_MORNING });
    call.advance(20);
    call.hangUp();
    expect(call.outcome).toBe('abandonedInQueue');
  });

  it('transfers ring and answer, or are busy, as the scenario says', () => {
    const answered = simulate(mainMenu, { call: MONDAY_MORNING, transfer: { result: 'answered', ringSeconds: 7 } });
    answered.press('0');
    answered.runToInput();
    expect(answered.outcome).toBe('transferred');
    const busy = simulate(mainMenu, { call: MONDAY_MORNING, transfer: { result: 'busy' } });
    busy.press('0');
    busy.runToInput();
    expect(busy.visits().slice(-2)).toEqual(['operator', 'voicemail']);
    expect(busy.transcript.some((e) => e.kind === 'event' && e.event.type === 'transferResult' && e.event.cause === 'USER_BUSY')).toBe(true);
  });

  it('collects a multi-digit entry up to the terminator, and answers the HTTP request from the matching mock', () => {
    const call = simulate(accountFlow, { call: MONDAY_MORNING, http: [{ url: 'https://crm.example.com/accounts/*', body: '{"tier":"gold"}' }] });
    expect(call.press('12')).toEqual({ kind: 'collecting', entered: '12' });
    expect(call.press('34#')).toMatchObject({ kind: 'event', event: { type: 'digits', digits: '1234' } });
    call.runToInput();
    expect(call.effects().find((e) => e.kind === 'httpRequest')).toMatchObject({ url: 'https://crm.example.com/accounts/1234' });
    expect(call.heard().at(-1)).toBe('Your tier is gold.');
    expect(call.actions).toEqual([{ action: 'press', digits: '1234#' }]);
  });

  it('an entry without terminator ends after the pause between keys', () => {
    const call = simulate(accountFlow, { call: MONDAY_MORNING, http: [{ url: 'https://crm.example.com/*', body: '{"tier":"silver"}' }] });
    call.press('4321');
    expect(call.visits().at(-1)).toBe('ask');
    call.silence();
    call.runToInput();
    expect(call.heard().at(-1)).toBe('Your tier is silver.');
  });

  it('a request with no mock, a failing mock or a slow one takes the error route', () => {
    for (const http of [[], [{ url: '*', error: 'connection refused' }], [{ url: '*', delayMs: 9000 }], [{ url: '*', status: 503 }]]) {
      const call = simulate(accountFlow, { call: MONDAY_MORNING, http });
      call.press('1234#');
      call.runToInput();
      expect(call.visits().at(-1)).toBe('sorry');
    }
  });

  it('stepping goes one event at a time and records the time that passed as a wait', () => {
    const started = Simulation.start(supportQueue, ScenarioSchema.parse({ name: 'x', call: MONDAY_MORNING }));
    if (!(started instanceof Simulation)) throw new Error('did not start');
    expect(started.step()).toBe(true);
    expect(started.visits().at(-1)).toBe('queue');
    while (started.next?.kind === 'automatic') started.step();
    started.step();
    expect(started.actions).toEqual([{ action: 'wait', seconds: 1 }]);
  });

  it('the run saved as a scenario replays to the same call', () => {
    const call = simulate(holidayHours, { call: MONDAY_MORNING, queue: { callersWaiting: 12 } });
    call.press('1');
    call.runToInput();
    call.press('2');
    call.runToInput();
    for (const key of '07700900456') call.press(key);
    call.press('#');
    call.runToInput();
    call.press('1');
    call.runToInput();
    const scenario = scenarioFromRun(call, 'callback on another number');
    expect(scenario.script).toEqual([
      { action: 'press', digits: '1' },
      { action: 'press', digits: '2' },
      { action: 'press', digits: '07700900456#' },
      { action: 'press', digits: '1' },
    ]);
    expect(scenario.expect.outcome).toBe('callbackScheduled');
    expect(scenario.expect.heard).toContain('Thank you. We will call you back on 0 7 7 0 0 9 0 0 4 5 6 when it is your turn. Goodbye.');
    const replay = runScenario(holidayHours, ScenarioSchema.parse(JSON.parse(JSON.stringify(scenario))));
    expect(replay.difference).toBeNull();
    expect(replay.simulation?.visits()).toEqual(call.visits());
  });
});
