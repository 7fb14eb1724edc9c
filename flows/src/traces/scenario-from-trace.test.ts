import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompiledFlow } from '../compiler/compiled.js';
import { runScenario } from '../simulation/run-scenario.js';
import { ScenarioSchema, type Scenario, type ScenarioInput } from '../simulation/scenario.js';
import { Simulation } from '../simulation/simulation.js';
import { compileForTest } from '../simulation/test-support.js';
import type { CallTrace, TraceVisit } from './call-trace.js';
import { describeTraceRefusal, scenarioFromTrace } from './scenario-from-trace.js';
import { VisitDetailRecorder } from './visit-detail.js';

const example = (name: string) => compileForTest(JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'))).flow;
const mainMenu = example('main-menu');
const vipRoute = example('vip-route');

/**
 * A call as the runtime records it: every interpreter step goes through the same {@link VisitDetailRecorder} the
 * runtime's analytics writer uses, every `visit` effect becomes a row with the outlet its successor names.
 * `shiftMs` moves every event later, as a real switch's prompts and queues take other times than the simulator's.
 */
function recordedCall(flow: CompiledFlow, input: ScenarioInput, shiftMs = 0): CallTrace {
  const scenario = ScenarioSchema.parse(input);
  const simulation = Simulation.start(flow, scenario);
  if (!(simulation instanceof Simulation)) throw new Error(simulation.error);
  simulation.runToInput();
  for (const action of scenario.script) {
    simulation.perform(action);
    simulation.runToInput();
  }
  const recorder = new VisitDetailRecorder();
  const visits: TraceVisit[] = [];
  let last = simulation.startedAt;
  for (const { event, effects } of simulation.steps) {
    const shifted = event ? { ...event, at: event.at + shiftMs } : null;
    recorder.stepped(shifted, effects);
    for (const effect of effects) {
      if (effect.kind === 'visit') {
        const previous = visits[visits.length - 1];
        const ended = recorder.visitStarted();
        if (previous) {
          previous.detail = ended;
          if (effect.arrivedFrom) Object.assign(previous, { outlet: effect.arrivedFrom.outlet, reason: effect.arrivedFrom.reason });
        }
        last = effect.at + shiftMs;
        visits.push({ sequence: visits.length, flow: effect.flow, nodeId: effect.nodeId, nodeType: effect.nodeType, enteredAt: last, outlet: null, reason: null, detail: null });
      }
      if (effect.kind === 'end' && effect.lastExit) Object.assign(visits[visits.length - 1] ?? {}, { outlet: effect.lastExit.outlet, reason: effect.lastExit.reason });
    }
  }
  const lastVisit = visits[visits.length - 1];
  if (lastVisit) lastVisit.detail = recorder.currentDetail;
  return {
    callId: scenario.call.callId,
    environment: 'production',
    address: '+15550100',
    flowName: flow.name,
    versionId: null,
    versionNumber: 3,
    callerNumber: scenario.call.caller,
    startedAt: simulation.startedAt,
    endedAt: last,
    outcome: simulation.outcome,
    endReason: null,
    queue: null,
    calendars: [],
    visits,
  };
}

function asScenario(trace: CallTrace, caller = trace.callerNumber): Scenario {
  const scenario = scenarioFromTrace(trace, { name: 'from a call', caller, timezone: 'Europe/London' });
  if (!('call' in scenario)) throw new Error(describeTraceRefusal(scenario));
  return ScenarioSchema.parse(scenario);
}

const weekday = { localTime: '2026-11-23T10:00', timezone: 'Europe/London', callId: 'real-call-1' };

describe('a real call as a scenario', () => {
  it('replays keys, a busy transfer and voicemail, and passes against the version', () => {
    const trace = recordedCall(mainMenu, { name: 'x', call: weekday, script: [{ action: 'press', digits: '0' }], transfer: { result: 'busy', ringSeconds: 3 } }, 700);
    const scenario = asScenario(trace);
    expect(scenario.script).toEqual([{ action: 'press', digits: '0' }]);
    expect(scenario.transfer.result).toBe('busy');
    expect(scenario.expect).toMatchObject({ visits: ['start', 'hours', 'welcome', 'menu', 'operator', 'voicemail'], outcome: 'voicemail' });
    expect(scenario.call).toMatchObject({ callId: 'real-call-1', localTime: '2026-11-23T10:00:00', timezone: 'Europe/London' });
    expect(runScenario(mainMenu, scenario)).toMatchObject({ passed: true });
  });

  it('keeps no input as silence, so the retries and the fallback outlet are tested', () => {
    const trace = recordedCall(mainMenu, { name: 'x', call: weekday, script: [{ action: 'silence' }, { action: 'silence' }, { action: 'silence' }] });
    const menu = trace.visits.find((v) => v.nodeId === 'menu');
    expect(menu?.detail?.events?.map((e) => e.type)).toEqual(['noInput', 'noInput', 'noInput']);
    expect(menu?.detail?.heard?.map((h) => h.text)).toContain("Sorry, I didn't hear a choice.");
    const scenario = asScenario(trace);
    expect(scenario.script).toEqual([{ action: 'silence' }, { action: 'silence' }, { action: 'silence' }]);
    expect(runScenario(mainMenu, scenario)).toMatchObject({ passed: true });
  });

  it('turns a queue wait into a wait on the line and the queue as the caller met it (agent answered, talk time)', () => {
    const trace = recordedCall(vipRoute, {
      name: 'x',
      call: { ...weekday, caller: '+447700900123' },
      script: [{ action: 'wait', seconds: 90 }],
      queue: { agentsLoggedIn: 4, agentsAvailable: 2, agentAnswersAfterSeconds: 12, talkSeconds: 40 },
    });
    expect(trace.outcome).toBe('answeredFromQueue');
    const scenario = asScenario(trace);
    expect(scenario.queue).toMatchObject({ agentsLoggedIn: 4, agentsAvailable: 2, agentAnswersAfterSeconds: 12, talkSeconds: 40 });
    expect(scenario.script).toHaveLength(1);
    expect(scenario.script[0]).toMatchObject({ action: 'wait' });
    expect(runScenario(vipRoute, scenario)).toMatchObject({ passed: true });
  });

  it('keeps a caller who hung up in the queue as a wait then a hang-up', () => {
    const trace = recordedCall(vipRoute, { name: 'x', call: { ...weekday, caller: '+447700900123' }, script: [{ action: 'wait', seconds: 20 }, { action: 'hangUp' }], queue: { agentsLoggedIn: 3, agentsAvailable: 0 } });
    expect(trace.outcome).toBe('abandonedInQueue');
    const scenario = asScenario(trace);
    expect(scenario.script.at(-1)).toEqual({ action: 'hangUp' });
    expect(runScenario(vipRoute, scenario)).toMatchObject({ passed: true });
  });

  it('fails when the flow no longer takes the path the call took (the test has teeth)', () => {
    const trace = recordedCall(vipRoute, { name: 'x', call: { ...weekday, caller: '+447700900999' } });
    expect(trace.outcome).toBe('rejected');
    // A caller who is not on the blocked list does not take the recorded path.
    const result = runScenario(vipRoute, asScenario(trace, '+447700000999'));
    expect(result.passed).toBe(false);
    expect(result.difference).toMatchObject({ kind: 'notVisited', expected: 'refuse' });
  });

  it('refuses calls the flow did not end', () => {
    const trace = recordedCall(vipRoute, { name: 'x', call: weekday });
    const refusal = scenarioFromTrace({ ...trace, outcome: 'fallback' }, { name: 'x', caller: '+1', timezone: 'UTC' });
    expect(refusal).toEqual({ kind: 'notAFlowOutcome', outcome: 'fallback' });
    expect(describeTraceRefusal(refusal as never)).toMatch(/runtime decided/);
    expect(scenarioFromTrace({ ...trace, flowName: null }, { name: 'x', caller: '+1', timezone: 'UTC' })).toEqual({ kind: 'noFlow' });
  });
});
