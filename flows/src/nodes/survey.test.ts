import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import type { Effect } from '../interpreter/effects.js';
import { start, step, type StepResult } from '../interpreter/interpreter.js';
import { ScenarioSchema } from '../simulation/scenario.js';
import { Simulation } from '../simulation/simulation.js';
import { buildFlow, T0 } from '../../test/build.js';
import { surveyCallbackFlow } from './survey.js';

const QUESTION = { text: { en: 'How satisfied are you? Press 1 for not at all, up to 5 for very satisfied.' } };
const SECOND = { text: { en: 'Was your problem solved? Press 1 for no, 5 for completely.' } };
const RETRY = { text: { en: 'Please press a key from 1 to 5.' } };

function surveyFlow(data: Record<string, unknown>) {
  return buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'survey', type: 'survey', data: { question: QUESTION, retryPrompt: RETRY, ...data } },
      { id: 'thanks', type: 'hangup' },
      { id: 'bye', type: 'hangup' },
    ],
    ['start:next->survey', 'survey:done->thanks', 'survey:noAnswer->bye'],
  );
}

function compiled(data: Record<string, unknown> = {}): CompiledFlow {
  const result = compileFlow(surveyFlow(data));
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

const call = { callId: 'c1', caller: '+441632960000', dialled: '100', at: T0 };
const answers = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'surveyAnswer' ? [[e.question, e.score]] : []));
const visited = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'visit' ? [e.nodeId] : []));
const asked = (effects: Effect[]) => {
  const collect = effects.find((e) => e.kind === 'collectDigits');
  return collect?.kind === 'collectDigits' ? { prompts: collect.prompts.map((p) => p.text), minDigits: collect.minDigits, maxDigits: collect.maxDigits, pattern: collect.pattern } : undefined;
};

function press(flow: CompiledFlow, before: StepResult, digits: string, at: number): StepResult {
  return step(flow, before.state, { type: 'digits', digits, at, seq: before.state.pending?.seq });
}

function silence(flow: CompiledFlow, before: StepResult, at: number): StepResult {
  return step(flow, before.state, { type: 'noInput', at, seq: before.state.pending?.seq });
}

describe('survey node', () => {
  it('asks for one key 1–5 and records the rating, leaving by done', () => {
    const flow = compiled();
    const begun = start(flow, call);
    expect(asked(begun.effects)).toEqual({ prompts: [QUESTION.text.en], minDigits: 1, maxDigits: 1, pattern: '^[1-5]$' });
    const rated = press(flow, begun, '4', T0 + 5000);
    expect(answers(rated.effects)).toEqual([[1, 4]]);
    expect(visited(rated.effects)).toEqual(['thanks']);
    const thanksVisit = rated.effects.find((e) => e.kind === 'visit');
    expect(thanksVisit?.kind === 'visit' && thanksVisit.arrivedFrom).toMatchObject({ nodeId: 'survey', outlet: 'done', reason: 'rated 4' });
  });

  it('asks the second question after the first answer, recording both', () => {
    const flow = compiled({ secondQuestion: SECOND });
    const first = press(flow, start(flow, call), '2', T0 + 5000);
    expect(answers(first.effects)).toEqual([[1, 2]]);
    expect(asked(first.effects)?.prompts).toEqual([SECOND.text.en]);
    const second = press(flow, first, '5', T0 + 9000);
    expect(answers(second.effects)).toEqual([[2, 5]]);
    expect(visited(second.effects)).toEqual(['thanks']);
  });

  it('asks again after a key outside 1–5 or silence, with the retry prompt; gives up by noAnswer, recording nothing', () => {
    const flow = compiled({ maxRetries: 1 });
    const begun = start(flow, call);
    const retried = press(flow, begun, '9', T0 + 5000);
    expect(answers(retried.effects)).toEqual([]);
    expect(asked(retried.effects)?.prompts).toEqual([RETRY.text.en, QUESTION.text.en]);
    const gaveUp = silence(flow, retried, T0 + 12_000);
    expect(answers(gaveUp.effects)).toEqual([]);
    expect(visited(gaveUp.effects)).toEqual(['bye']);
  });

  it('keeps the first answer and leaves by done when the second question goes unanswered', () => {
    const flow = compiled({ secondQuestion: SECOND, maxRetries: 0 });
    const first = press(flow, start(flow, call), '3', T0 + 5000);
    const unanswered = silence(flow, first, T0 + 12_000);
    expect(answers(unanswered.effects)).toEqual([]);
    expect(visited(unanswered.effects)).toEqual(['thanks']);
  });

  it('warns (SB400) when a question does not name the keys, and (SB401) when it retries without a retry prompt', () => {
    const { ok, diagnostics } = compileFlow(surveyFlow({ question: { text: { en: 'Did we help you today?' } }, secondQuestion: SECOND, retryPrompt: undefined, maxRetries: 2 }));
    expect(ok).toBe(true);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB400', severity: 'warning', nodeId: 'survey', path: 'nodes[1].data.question' }));
    expect(diagnostics.filter((d) => d.code === 'SB400')).toHaveLength(1);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB401', severity: 'warning', nodeId: 'survey', path: 'nodes[1].data.retryPrompt' }));
    expect(compileFlow(surveyFlow({})).diagnostics.filter((d) => d.code.startsWith('SB4'))).toEqual([]);
  });

  it('runs in the simulator: the caller presses 5, the transcript records the rating and the call ends', () => {
    const flow = compiled({ secondQuestion: SECOND });
    const simulation = Simulation.start(flow, ScenarioSchema.parse({ name: 'rates', call: { localTime: '2026-11-23T10:00', timezone: 'Europe/London' } }));
    if (!(simulation instanceof Simulation)) throw new Error(simulation.error);
    simulation.runToInput();
    simulation.press('5');
    simulation.runToInput();
    simulation.press('4');
    simulation.runToInput();
    expect(simulation.effects().flatMap((e) => (e.kind === 'surveyAnswer' ? [e.score] : []))).toEqual([5, 4]);
    expect(simulation.visits()).toEqual(['start', 'survey', 'thanks']);
    expect(simulation.ended).toBe(true);
  });

  describe('call-back mode', () => {
    const OFFER = { text: { en: 'May we call you back for a short survey? Press 1.' } };
    const BOOKED = { text: { en: 'Thank you, we will call you shortly.' } };
    const callBack = (extra: Record<string, unknown> = {}) => compiled({ mode: 'callBack', callBackDelayMinutes: 3, callBackOffer: OFFER, callBackBooked: BOOKED, secondQuestion: SECOND, ...extra });
    const booking = (effects: Effect[]) => effects.find((e): e is Extract<Effect, { kind: 'scheduleSurveyCallback' }> => e.kind === 'scheduleSurveyCallback');

    it('offers the call-back instead of asking; 1 books it with the delay, the questions and the caller’s number, then says so and leaves by done', () => {
      const flow = callBack();
      const begun = start(flow, { ...call, language: 'en' });
      expect(asked(begun.effects)).toEqual({ prompts: [OFFER.text.en], minDigits: 1, maxDigits: 1, pattern: null });
      expect(answers(begun.effects)).toEqual([]);
      const accepted = press(flow, begun, '1', T0 + 4000);
      const booked = booking(accepted.effects);
      expect(booked).toMatchObject({
        nodeId: 'survey',
        number: '+441632960000',
        delayMs: 180_000,
        survey: { flow: 'Test flow', nodeId: 'survey', language: 'en', questions: { question: QUESTION, secondQuestion: SECOND, timeoutMs: 5000, maxRetries: 1, retryPrompt: RETRY } },
      });
      expect(booked?.seq).toBe(accepted.state.pending?.seq);
      const confirmed = step(flow, accepted.state, { type: 'callbackResult', ok: true, callbackId: 'cb1', at: T0 + 4100, seq: booked?.seq });
      const said = confirmed.effects.find((e) => e.kind === 'play');
      expect(said?.kind === 'play' && said.prompt.text).toBe(BOOKED.text.en);
      const done = step(flow, confirmed.state, { type: 'promptFinished', at: T0 + 7000, seq: confirmed.state.pending?.seq });
      expect(visited(done.effects)).toEqual(['thanks']);
      const visit = done.effects.find((e) => e.kind === 'visit');
      expect(visit?.kind === 'visit' && visit.arrivedFrom).toMatchObject({ outlet: 'done', reason: 'survey call-back booked' });
    });

    it('another key declines, a refused booking and a withheld number leave by noAnswer; nothing is booked or rated', () => {
      const flow = callBack();
      const declined = press(flow, start(flow, call), '2', T0 + 4000);
      expect(booking(declined.effects)).toBeUndefined();
      expect(visited(declined.effects)).toEqual(['bye']);

      const accepted = press(flow, start(flow, call), '1', T0 + 4000);
      const refused = step(flow, accepted.state, { type: 'callbackResult', ok: false, reason: 'alreadyScheduled', at: T0 + 4100, seq: accepted.state.pending?.seq });
      expect(visited(refused.effects)).toEqual(['bye']);

      for (const caller of ['anonymous', '', 'sip:alice@example.com']) {
        const withheld = start(flow, { ...call, caller });
        expect(asked(withheld.effects)).toBeUndefined();
        expect(visited(withheld.effects)).toEqual(['start', 'survey', 'bye']);
      }
    });

    it('a caller who hangs up once the call-back is booked (or while it is being booked) was served, not lost in the IVR', () => {
      const flow = callBack();
      const accepted = press(flow, start(flow, call), '1', T0 + 4000);
      const booked = step(flow, accepted.state, { type: 'callbackResult', ok: true, callbackId: 'cb1', at: T0 + 4100, seq: booking(accepted.effects)?.seq });
      for (const [state, reason] of [
        [booked.state, 'caller hung up after the survey call-back was booked'],
        [accepted.state, 'caller hung up after accepting the survey call-back'],
      ] as const) {
        const gone = step(flow, state, { type: 'hangup', at: T0 + 5000 });
        expect(gone.effects.find((e) => e.kind === 'end')).toMatchObject({ outcome: 'selfServed', nodeId: 'survey', reason });
      }
      // Hanging up at the offer itself is still abandoning it.
      const atOffer = step(flow, start(flow, call).state, { type: 'hangup', at: T0 + 2000 });
      expect(atOffer.effects.find((e) => e.kind === 'end')).toMatchObject({ outcome: 'callerHungUp' });
    });

    it('warns (SB402) when the offer does not name the key that accepts it', () => {
      const { ok, diagnostics } = compileFlow(surveyFlow({ mode: 'callBack', callBackOffer: { text: { en: 'May we call you back for a survey? Press 2 for yes.' } } }));
      expect(ok).toBe(true);
      expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB402', severity: 'warning', nodeId: 'survey', path: 'nodes[1].data.callBackOffer', message: expect.stringContaining('press 1 to accept') }));
      expect(compileFlow(surveyFlow({ mode: 'callBack', callBackAcceptKey: '2', callBackOffer: { text: { en: 'May we call you back for a survey? Press 2 for yes.' } } })).diagnostics.filter((d) => d.code === 'SB402')).toEqual([]);
      // The default offer says "Press 1".
      expect(compileFlow(surveyFlow({ mode: 'callBack' })).diagnostics.filter((d) => d.code === 'SB402')).toEqual([]);
    });

    it('keeps other surveys’ compiled settings (and so their hash) as they were', () => {
      const plain = compiled();
      expect(Object.keys(plain.nodes.survey?.config as object).sort()).toEqual(['maxRetries', 'question', 'retryPrompt', 'secondQuestion', 'timeoutMs']);
    });

    it('the call-back asks the same questions; its ratings name the original node', () => {
      const flow = callBack();
      const accepted = press(flow, start(flow, call), '1', T0 + 4000);
      const spec = booking(accepted.effects)!.survey;
      const callee = surveyCallbackFlow(spec);
      const dialled = start(callee, { callId: 'callee', caller: '+441632960000', dialled: '+441632960000', at: T0 + 300_000 });
      expect(asked(dialled.effects)?.prompts).toEqual([QUESTION.text.en]);
      const first = press(callee, dialled, '4', T0 + 305_000);
      const second = press(callee, first, '2', T0 + 309_000);
      expect([...first.effects, ...second.effects].filter((e) => e.kind === 'surveyAnswer')).toEqual([
        { kind: 'surveyAnswer', nodeId: 'survey', question: 1, score: 4 },
        { kind: 'surveyAnswer', nodeId: 'survey', question: 2, score: 2 },
      ]);
      expect(second.state.status).toBe('ended');
    });

    it('runs in the simulator: the caller accepts, the call ends, and the call-back placed after the delay asks the questions', () => {
      const flow = callBack();
      const simulation = Simulation.start(flow, ScenarioSchema.parse({ name: 'call-back', call: { localTime: '2026-11-23T10:00', timezone: 'Europe/London', caller: '+441632960000' } }));
      if (!(simulation instanceof Simulation)) throw new Error(simulation.error);
      simulation.runToInput();
      simulation.press('1');
      simulation.runToInput();
      expect(simulation.ended).toBe(true);
      expect(simulation.visits()).toEqual(['start', 'survey', 'thanks']);
      const [callee, ...more] = simulation.surveyCallBacks();
      expect(more).toEqual([]);
      expect(callee!.startedAt).toBe(simulation.now + 180_000);
      callee!.runToInput();
      expect(callee!.heard()).toContain(QUESTION.text.en);
      callee!.press('5');
      callee!.runToInput();
      callee!.press('3');
      callee!.runToInput();
      expect(callee!.effects().flatMap((e) => (e.kind === 'surveyAnswer' ? [[e.nodeId, e.question, e.score]] : []))).toEqual([['survey', 1, 5], ['survey', 2, 3]]);
      expect(callee!.ended).toBe(true);
    });
  });
});
