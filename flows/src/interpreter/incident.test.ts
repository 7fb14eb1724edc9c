import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import { Simulation } from '../simulation/simulation.js';
import { ScenarioSchema } from '../simulation/scenario.js';
import { buildFlow, T0 } from '../../test/build.js';
import type { Effect } from './effects.js';
import type { CallIncident } from './events.js';
import { start, step } from './interpreter.js';

/** start → schedule (open 24/7 on weekdays) → one announcement per outlet, then a hang-up. */
function flow(languages: string[] = ['en']) {
  const day = [{ open: '00:00', close: '24:00' }];
  const document = buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'hours', type: 'schedule', data: { timezone: 'UTC', weekly: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day }, emergencyFlag: 'emergency' } },
      { id: 'open', type: 'announcement', data: { prompt: { text: { en: 'We are open.', zh: '我们营业。' } } } },
      { id: 'emergency', type: 'announcement', data: { prompt: { text: { en: 'Emergency line.', zh: '紧急线路。' } } } },
      { id: 'bye', type: 'hangup' },
    ],
    ['start:next->hours', 'hours:open->open', 'hours:emergency->emergency', 'hours:closed->bye', 'open:next->bye', 'emergency:next->bye'],
    { languages },
  );
  const result = compileFlow(document);
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

const call = (incident?: CallIncident, language?: string) => ({ callId: 'c1', caller: '+441632960000', dialled: '100', at: T0, ...(incident ? { incident } : {}), ...(language ? { language } : {}) });
const visits = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'visit' ? [e.nodeId] : []));
const heard = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'play' ? [e.prompt.text ?? e.prompt.audio] : []));

describe('incident override at call start', () => {
  it('without an override the schedule takes its usual branch', () => {
    const { effects } = start(flow(), call());
    expect(visits(effects)).toEqual(['start', 'hours', 'open']);
  });

  it('in emergency mode every schedule takes emergency, saying why, whatever the flow calls its own flag', () => {
    const { state, effects } = start(flow(), call({ id: 'inc-1', mode: 'emergency' }));
    expect(visits(effects)).toEqual(['start', 'hours', 'emergency']);
    const reason = effects.flatMap((e) => (e.kind === 'visit' && e.nodeId === 'emergency' ? [e.arrivedFrom?.reason] : []))[0];
    expect(reason).toMatch(/^emergency: an incident override is on/);
    expect(state.call.incident).toEqual({ id: 'inc-1', mode: 'emergency' });
  });

  it('in announce mode answers, plays the announcement, and only then starts the flow (answering once)', () => {
    const program = flow();
    const first = start(program, call({ id: 'inc-2', mode: 'announce', announcement: { en: { text: 'If you are calling about the outage, press 5.' } } }));
    expect(first.effects.map((e) => e.kind)).toEqual(['answer', 'play']);
    expect(heard(first.effects)).toEqual(['If you are calling about the outage, press 5.']);
    expect(visits(first.effects)).toEqual([]);
    const seq = (first.effects[1] as { seq?: number }).seq;
    const next = step(program, first.state, { type: 'promptFinished', at: T0 + 3000, seq });
    expect(visits(next.effects)).toEqual(['start', 'hours', 'open']);
    expect(next.effects.filter((e) => e.kind === 'answer')).toEqual([]);
    expect(heard(next.effects)).toEqual(['We are open.']);
    // the announcement does not route: the schedule still decides as usual
    expect(next.state.call.flags).toEqual({});
  });

  it('plays the announcement in the call language, else the flow first language, else any; audio wins', () => {
    const announcement = { en: { text: 'Outage.' }, zh: { text: '故障。' } };
    expect(heard(start(flow(['en', 'zh']), call({ id: 'i', mode: 'announce', announcement }, 'zh')).effects)).toEqual(['故障。']);
    expect(heard(start(flow(['zh', 'en']), call({ id: 'i', mode: 'announce', announcement })).effects)).toEqual(['故障。']);
    expect(heard(start(flow(['fr']), call({ id: 'i', mode: 'announce', announcement: { de: { text: 'Störung.' } } })).effects)).toEqual(['Störung.']);
    expect(heard(start(flow(), call({ id: 'i', mode: 'announce', announcement: { en: { text: 'x', audio: 'outage.wav' } } })).effects)).toEqual(['outage.wav']);
    // nothing to say: the flow starts at once
    expect(visits(start(flow(), call({ id: 'i', mode: 'announce', announcement: { en: { text: ' ' } } })).effects)).toEqual(['start', 'hours', 'open']);
  });

  it('a caller hanging up during the announcement ends the call as hung up; a failed playback still starts the flow', () => {
    const program = flow();
    const first = start(program, call({ id: 'i', mode: 'announce', announcement: { en: { text: 'Outage.' } } }));
    const gone = step(program, first.state, { type: 'hangup', at: T0 + 500 });
    expect(gone.state.outcome).toBe('callerHungUp');
    const failed = step(program, first.state, { type: 'effectFailed', at: T0 + 500, message: 'file not found', seq: 1 });
    expect(visits(failed.effects)).toEqual(['start', 'hours', 'open']);
  });

  it('the simulator runs a call with the override on as a call setting', () => {
    const scenario = ScenarioSchema.parse({
      name: 'incident',
      call: { localTime: '2026-11-23T10:00', timezone: 'UTC', incident: { mode: 'announce', announcement: { en: { text: 'Outage today.' } } } },
    });
    const simulation = Simulation.start(flow(), scenario);
    if ('error' in simulation) throw new Error(simulation.error);
    simulation.runToInput();
    expect(simulation.heard()).toEqual(['Outage today.', 'We are open.']);
    expect(simulation.visits()).toEqual(['start', 'hours', 'open', 'bye']);
    const emergency = ScenarioSchema.parse({ name: 'e', call: { localTime: '2026-11-23T10:00', timezone: 'UTC', incident: { mode: 'emergency' } } });
    const second = Simulation.start(flow(), emergency);
    if ('error' in second) throw new Error(second.error);
    second.runToInput();
    expect(second.visits()).toEqual(['start', 'hours', 'emergency', 'bye']);
  });
});
