import { describe, expect, it } from 'vitest';
import { buildFlow, T0 } from '../../test/build.js';
import { compileFlow } from '../compiler/compile.js';
import { callbackNode } from '../nodes/callback.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import type { Effect, EffectOf } from './effects.js';
import type { CallEvent } from './events.js';
import { start, step, type StepResult } from './interpreter.js';

function compiled(document: ReturnType<typeof buildFlow>): CompiledFlow {
  const result = compileFlow(document);
  if (!result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

const CALL = { callId: 'c1', caller: '+441234', dialled: '100', at: T0 };

/** An event without its time and seq (per event type, so each keeps its own fields). */
type Unstamped = CallEvent extends infer E ? (E extends CallEvent ? Omit<E, 'at' | 'seq'> : never) : never;

/** Feeds `events` in turn (each stamped with the awaited seq) and collects every effect. */
function run(flow: CompiledFlow, events: Unstamped[], call = CALL): { effects: Effect[]; last: StepResult } {
  let result = start(flow, call);
  const effects = [...result.effects];
  events.forEach((event, index) => {
    result = step(flow, result.state, { ...event, at: call.at + (index + 1) * 1000, seq: result.state.pending?.seq } as CallEvent);
    effects.push(...result.effects);
  });
  return { effects, last: result };
}

const visits = (effects: Effect[]) => effects.filter((e): e is EffectOf<'visit'> => e.kind === 'visit');
const ending = (effects: Effect[]) => effects.find((e): e is EffectOf<'end'> => e.kind === 'end');

const menuPrompt = { text: { en: 'For sales press 1.' } };

/** start → menu (1: thanks → bye; noInput/invalid: sorry) */
const menuFlow = () =>
  compiled(
    buildFlow(
      [
        { id: 'start', type: 'start' },
        { id: 'menu', type: 'menu', data: { prompt: menuPrompt, options: [{ digit: '1', label: 'Sales' }], maxRetries: 2 } },
        { id: 'thanks', type: 'announcement', data: { prompt: { text: { en: 'Thanks.' } } } },
        { id: 'bye', type: 'hangup' },
        { id: 'sorry', type: 'hangup', data: { goodbye: { text: { en: 'Sorry, goodbye.' } } } },
      ],
      ['start:next->menu', 'menu:1->thanks', 'thanks:next->bye', 'menu:noInput->sorry', 'menu:invalid->sorry'],
    ),
  );

/** start → caller routing (blocked: reject; default: hello → bye) */
const blockingFlow = () =>
  compiled(
    buildFlow(
      [
        { id: 'start', type: 'start' },
        { id: 'who', type: 'callerRouting', data: { lists: [{ key: 'blocked', label: 'Blocked', numbers: ['+441234'] }] } },
        { id: 'reject', type: 'hangup', data: { cause: 'CALL_REJECTED' } },
        { id: 'hello', type: 'announcement', data: { prompt: { text: { en: 'Hello.' } } } },
        { id: 'bye', type: 'hangup' },
      ],
      ['start:next->who', 'who:blocked->reject', 'who:default->hello', 'hello:next->bye'],
    ),
  );

describe('node visits record the outlet taken and why', () => {
  it('a key pressed: the menu visit left by that digit, "pressed 1"', () => {
    const { effects } = run(menuFlow(), [{ type: 'digits', digits: '1' }]);
    const [startVisit, menu, thanks] = visits(effects);
    expect(startVisit?.arrivedFrom).toBeNull();
    expect(menu?.arrivedFrom).toEqual({ nodeId: 'start', outlet: 'next', reason: 'took next', said: { id: 'took', params: { outlet: 'next' } } });
    expect(thanks?.arrivedFrom).toEqual({ nodeId: 'menu', outlet: '1', reason: 'pressed 1', said: { id: 'event.pressed', params: { digits: '1' } } });
  });

  it('silence until the retries ran out: left by noInput "after 3 tries"', () => {
    const { effects } = run(menuFlow(), [{ type: 'noInput' }, { type: 'noInput' }, { type: 'noInput' }]);
    expect(visits(effects).at(-1)).toMatchObject({ nodeId: 'sorry', arrivedFrom: { nodeId: 'menu', outlet: 'noInput', reason: 'no input after 3 tries' } });
  });

  it('wrong keys until the retries ran out: left by invalid', () => {
    const { effects } = run(menuFlow(), [{ type: 'digits', digits: '7' }, { type: 'digits', digits: '8' }, { type: 'digits', digits: '9' }]);
    expect(visits(effects).at(-1)?.arrivedFrom).toEqual({ nodeId: 'menu', outlet: 'invalid', reason: 'invalid input after 3 tries', said: { id: 'input.invalid', params: { tries: 3 } } });
  });

  it('a schedule says which branch and why', () => {
    const flow = compiled(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'hours', type: 'schedule', data: { timezone: 'Europe/London', weekly: { sunday: [{ open: '09:00', close: '17:00' }] } } },
          { id: 'open', type: 'hangup' },
          { id: 'closed', type: 'hangup' },
        ],
        ['start:next->hours', 'hours:open->open', 'hours:closed->closed'],
      ),
    );
    const { effects } = run(flow, []);
    expect(visits(effects).at(-1)).toMatchObject({ nodeId: 'closed', arrivedFrom: { nodeId: 'hours', outlet: 'closed', reason: expect.stringMatching(/^closed: outside opening hours at 2026-11-23T10:00 Europe\/London$/) } });
  });

  it('a queue exit says the switch’s reason', () => {
    const flow = compiled(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'q', type: 'queue', data: { queue: 'support' } },
          { id: 'full', type: 'hangup' },
          { id: 'done', type: 'hangup' },
        ],
        ['start:next->q', 'q:overflow->full', 'q:answered->done'],
      ),
    );
    const { effects } = run(flow, [{ type: 'queueStatus', callersWaiting: 0, agentsLoggedIn: 1, agentsAvailable: 1, estimatedWaitSeconds: 0 }, { type: 'queueExit', reason: 'timeout' }]);
    expect(visits(effects).at(-1)).toMatchObject({ nodeId: 'full', arrivedFrom: { nodeId: 'q', outlet: 'overflow', reason: 'queue exit: timeout' } });
  });

  it('caller routing says which list matched', () => {
    const { effects } = run(blockingFlow(), []);
    expect(visits(effects).at(-1)?.arrivedFrom).toEqual({ nodeId: 'who', outlet: 'blocked', reason: '"+441234" is on list blocked', said: { id: 'callerRouting.onList', params: { value: '+441234', list: 'blocked' } } });
  });

  it('an outlet that leads nowhere is on the end record', () => {
    const flow = compiled(buildFlow([{ id: 'start', type: 'start' }, { id: 'a', type: 'announcement', data: { prompt: { text: { en: 'hi' } } } }], ['start:next->a']));
    const { effects } = run(flow, [{ type: 'promptFinished' }]);
    expect(ending(effects)).toMatchObject({ outcome: 'error', lastExit: { nodeId: 'a', outlet: 'next', reason: 'prompt finished' } });
  });
});

describe('call outcomes', () => {
  it('served by the menu and hung up by the flow: selfServed', () => {
    expect(ending(run(menuFlow(), [{ type: 'digits', digits: '1' }, { type: 'promptFinished' }]).effects)?.outcome).toBe('selfServed');
  });

  it('hung up on after three invalid keys: unresolvedInIvr, not selfServed', () => {
    const { effects } = run(menuFlow(), [{ type: 'digits', digits: '7' }, { type: 'digits', digits: '8' }, { type: 'digits', digits: '9' }, { type: 'promptFinished' }]);
    expect(ending(effects)).toMatchObject({ outcome: 'unresolvedInIvr', nodeId: 'sorry' });
  });

  it('hung up on after silence: unresolvedInIvr', () => {
    const { effects } = run(menuFlow(), [{ type: 'noInput' }, { type: 'noInput' }, { type: 'noInput' }, { type: 'promptFinished' }]);
    expect(ending(effects)?.outcome).toBe('unresolvedInIvr');
  });

  it('a key accepted after a failed try counts as served again', () => {
    const { effects } = run(menuFlow(), [{ type: 'digits', digits: '7' }, { type: 'digits', digits: '1' }, { type: 'promptFinished' }]);
    expect(ending(effects)?.outcome).toBe('selfServed');
  });

  it('the caller hanging up in the IVR after invalid input: callerHungUp (abandoned in the IVR)', () => {
    const { effects } = run(menuFlow(), [{ type: 'digits', digits: '7' }, { type: 'hangup' }]);
    expect(ending(effects)).toMatchObject({ outcome: 'callerHungUp', nodeId: 'menu' });
  });

  it('a blocked caller is rejected without being answered: outcome rejected', () => {
    const { effects, last } = run(blockingFlow(), []);
    expect(effects.map((e) => e.kind)).toEqual(['visit', 'visit', 'visit', 'hangup', 'end']);
    expect(effects).toContainEqual({ kind: 'hangup', cause: 'CALL_REJECTED', reason: 'hangup node' });
    expect(ending(effects)).toMatchObject({ outcome: 'rejected', nodeId: 'reject' });
    expect(last.state.answer).toBe('due');
  });

  it('a caller who is not blocked is answered just before the first prompt', () => {
    const { effects, last } = run(blockingFlow(), [], { ...CALL, caller: '+449999' });
    expect(effects.map((e) => e.kind)).toEqual(['visit', 'visit', 'visit', 'answer', 'play']);
    expect(last.state.answer).toBe('done');
    // Answered once: later prompts are not preceded by another answer.
    const next = step(blockingFlow(), last.state, { type: 'promptFinished', at: T0 + 1000, seq: last.state.pending?.seq });
    expect(next.effects.map((e) => e.kind)).toEqual(['visit', 'hangup', 'end']);
  });

  it('a start node that does not answer never gets an answer added', () => {
    const flow = compiled(
      buildFlow(
        [
          { id: 'start', type: 'start', data: { answer: false } },
          { id: 'hello', type: 'announcement', data: { prompt: { text: { en: 'Early media.' } } } },
          { id: 'bye', type: 'hangup' },
        ],
        ['start:next->hello', 'hello:next->bye'],
      ),
    );
    expect(run(flow, []).effects.map((e) => e.kind)).toEqual(['visit', 'visit', 'play']);
  });

  it('the switch hanging up because it could not run an app: error with what failed, not the intended outcome', () => {
    const flow = compiled(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'vm', type: 'voicemail', data: { mailbox: 'support' } },
        ],
        ['start:next->vm'],
      ),
    );
    const failure = 'the switch could not run voicemail (Invalid Application; hangup cause DESTINATION_OUT_OF_ORDER)';
    const { effects } = run(flow, [{ type: 'hangup', cause: 'DESTINATION_OUT_OF_ORDER', failure }]);
    expect(ending(effects)).toMatchObject({ outcome: 'error', nodeId: 'vm', reason: failure });
    expect(effects.filter((e) => e.kind === 'hangup')).toEqual([]);
  });

  it('collect digits: a PIN never entered, then hung up on: unresolvedInIvr; entered: selfServed', () => {
    const flow = compiled(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'pin', type: 'collectDigits', data: { prompt: { text: { en: 'Your PIN?' } }, variable: 'pin', minDigits: 4, maxDigits: 4, maxRetries: 1 } },
          { id: 'thanks', type: 'hangup' },
          { id: 'giveUp', type: 'hangup' },
        ],
        ['start:next->pin', 'pin:ok->thanks', 'pin:failed->giveUp'],
        { variables: [{ name: 'pin', type: 'string' }] },
      ),
    );
    const failed = run(flow, [{ type: 'noInput' }, { type: 'noInput' }]).effects;
    expect(visits(failed).at(-1)?.arrivedFrom).toEqual({ nodeId: 'pin', outlet: 'failed', reason: 'no input after 2 tries', said: { id: 'input.noInput', params: { tries: 2 } } });
    expect(ending(failed)?.outcome).toBe('unresolvedInIvr');
    expect(ending(run(flow, [{ type: 'digits', digits: '1234' }]).effects)?.outcome).toBe('selfServed');
  });

  it('callback offer: declined by silence until the retries ran out is unresolvedInIvr; booked is callbackScheduled', () => {
    const flow = compiled(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'cb', type: 'callback', data: { ...callbackNode.defaults(), queue: 'sales@default', maxRetries: 1 } },
          { id: 'booked', type: 'hangup' },
          { id: 'no', type: 'hangup' },
          { id: 'sorry', type: 'hangup' },
        ],
        ['start:next->cb', 'cb:scheduled->booked', 'cb:declined->no', 'cb:failed->sorry'],
      ),
    );
    const silent = run(flow, [{ type: 'noInput' }, { type: 'noInput' }], { ...CALL, caller: '+447700900123' }).effects;
    expect(visits(silent).at(-1)).toMatchObject({ nodeId: 'no', arrivedFrom: { outlet: 'declined', reason: 'no input after 2 tries' } });
    expect(ending(silent)?.outcome).toBe('unresolvedInIvr');
    const booked = run(flow, [{ type: 'digits', digits: '1' }, { type: 'callbackResult', ok: true, callbackId: 'cb-1' }, { type: 'promptFinished' }], { ...CALL, caller: '+447700900123' }).effects;
    expect(ending(booked)?.outcome).toBe('callbackScheduled');
  });

  it('voicemail finished: voicemail', () => {
    const flow = compiled(buildFlow([{ id: 'start', type: 'start' }, { id: 'vm', type: 'voicemail', data: { mailbox: 'support' } }], ['start:next->vm']));
    expect(ending(run(flow, [{ type: 'voicemailFinished' }]).effects)?.outcome).toBe('voicemail');
  });
});
