import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import type { Effect } from '../interpreter/effects.js';
import type { CallEvent } from '../interpreter/events.js';
import { start, step, type StepResult } from '../interpreter/interpreter.js';
import { buildFlow, T0 } from '../../test/build.js';
import { callbackNode } from './callback.js';
import { queueNode } from './queue.js';

type NodeSpec = Parameters<typeof buildFlow>[0][number];

const SECOND = 1000;

function queueData(extra: Record<string, unknown> = {}) {
  return {
    queue: 'support@default',
    priority: 5,
    skills: ['billing'],
    announcements: {
      everySeconds: 60,
      position: { text: { en: 'You are number ${position} in the queue.' } },
      estimatedWait: { text: { en: 'Your expected wait is about ${waitMinutes} minutes.' } },
      callbackOffer: { text: { en: 'To keep your place and be called back, press ${callbackKey}.' } },
    },
    overflow: { maxWaitSeconds: 120, maxCallersWaiting: 10 },
    callbackKey: '1',
    musicOnHold: 'local_stream://moh',
    ...extra,
  };
}

/** start → queue; answered → goodbye; overflow → voicemail; callback requested → callback (declined → back to queue). */
function compile(queue: Record<string, unknown> = {}, edges?: string[], extraNodes: NodeSpec[] = [], variables: NonNullable<Parameters<typeof buildFlow>[2]>['variables'] = []): CompiledFlow {
  const document = buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'q', type: 'queue', data: queueData(queue) },
      { id: 'goodbye', type: 'hangup' },
      { id: 'vm', type: 'voicemail', data: { mailbox: 'support' } },
      { id: 'cb', type: 'callback', data: callbackNode.defaults() },
      { id: 'closed', type: 'hangup', data: { goodbye: { text: { en: 'Nobody is available right now.' } } } },
      ...extraNodes,
    ],
    edges ?? ['start:next->q', 'q:answered->goodbye', 'q:overflow->vm', 'q:callbackRequested->cb', 'cb:scheduled->goodbye', 'cb:declined->q', 'cb:failed->vm'],
    { variables },
  );
  const result = compileFlow(document);
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.compiled;
}

const CALL = { callId: 'c1', caller: '+447700900123', dialled: '100', at: T0 };

/** Answer the awaited effect: the event gets the pending seq. */
function answer(flow: CompiledFlow, result: StepResult, event: CallEvent): StepResult {
  return step(flow, result.state, { ...event, seq: result.state.pending?.seq } as CallEvent);
}

function status(at: number, over: Partial<Extract<CallEvent, { type: 'queueStatus' }>> = {}): CallEvent {
  return { type: 'queueStatus', at, callersWaiting: 2, agentsLoggedIn: 4, agentsAvailable: 0, estimatedWaitSeconds: 90, ...over };
}

/** The caller is in the queue (queueStatus answered with a quiet queue). */
function joined(flow: CompiledFlow): StepResult {
  const first = start(flow, CALL);
  return answer(flow, first, status(T0 + 200));
}

const kinds = (effects: Effect[]) => effects.filter((e) => e.kind !== 'visit').map((e) => e.kind);
const visited = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'visit' ? [e.nodeId] : []));
const announced = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'announce' ? [e.prompt.text] : []));
const endOf = (effects: Effect[]) => effects.find((e): e is Extract<Effect, { kind: 'end' }> => e.kind === 'end');

describe('queue node: before joining', () => {
  it('asks the switch how busy the queue is before putting the caller in it', () => {
    const flow = compile();
    const first = start(flow, CALL);
    // Asking the switch is not media: the caller is answered only when they join the queue (or hear a prompt).
    expect(kinds(first.effects)).toEqual(['queueStatus']);
    expect(first.effects).toContainEqual(expect.objectContaining({ kind: 'queueStatus', queue: 'support@default', seq: first.state.pending?.seq }));
  });

  it('sends the caller to overflow without joining when the maximum number of callers are already waiting', () => {
    const flow = compile();
    const result = answer(flow, start(flow, CALL), status(T0 + 200, { callersWaiting: 10 }));
    expect(kinds(result.effects)).not.toContain('enqueue');
    expect(visited(result.effects)).toEqual(['vm']);
    expect(result.effects).toContainEqual(expect.objectContaining({ kind: 'voicemail', mailbox: 'support' }));
    // Routed to the queue but never in it: remembered with no time waited, for a callback on the overflow route.
    expect(result.state.lastQueue).toEqual({ name: 'support@default', joinedAt: T0 + 200, leftAt: T0 + 200, priority: 5 });
  });

  it('sends the caller to overflow at once when the queue estimates a longer wait than the maximum', () => {
    const flow = compile();
    const result = answer(flow, start(flow, CALL), status(T0 + 200, { estimatedWaitSeconds: 300 }));
    expect(visited(result.effects)).toEqual(['vm']);
  });

  it('keeps the caller when the estimate is over the maximum but that rule is turned off', () => {
    const flow = compile({ overflow: { maxWaitSeconds: 120, whenEstimateExceedsMaxWait: false } });
    const result = answer(flow, start(flow, CALL), status(T0 + 200, { estimatedWaitSeconds: 300 }));
    expect(kinds(result.effects)).toContain('enqueue');
  });

  it('takes the noAgents route when nobody is logged in, and falls back to overflow when it is not connected', () => {
    const withNoAgents = compile({}, ['start:next->q', 'q:answered->goodbye', 'q:overflow->vm', 'q:noAgents->closed', 'q:callbackRequested->cb', 'cb:scheduled->goodbye', 'cb:declined->q', 'cb:failed->vm']);
    const closed = answer(withNoAgents, start(withNoAgents, CALL), status(T0 + 200, { agentsLoggedIn: 0 }));
    expect(visited(closed.effects)).toEqual(['closed']);
    expect(closed.effects).toContainEqual(expect.objectContaining({ kind: 'play', prompt: { language: 'en', text: 'Nobody is available right now.' } }));

    const fallback = compile();
    const toOverflow = answer(fallback, start(fallback, CALL), status(T0 + 200, { agentsLoggedIn: 0 }));
    expect(visited(toOverflow.effects)).toEqual(['vm']);
  });

  it('joins the queue with its priority, skills, exit key, music on hold and a max-wait timer', () => {
    const flow = compile();
    const result = joined(flow);
    expect(kinds(result.effects)).toEqual(['answer', 'enqueue', 'startTimer']);
    expect(result.effects).toContainEqual({
      kind: 'enqueue',
      queue: 'support@default',
      priority: 5,
      skills: ['billing'],
      baseScoreSeconds: 0,
      exitKeys: ['1'],
      statusEverySeconds: 60,
      musicOnHold: 'local_stream://moh',
      seq: result.state.pending?.seq,
    });
    expect(result.effects).toContainEqual({ kind: 'startTimer', name: 'queue.maxWait', afterMs: 120 * SECOND });
    expect(result.state.lastQueue).toEqual({ name: 'support@default', joinedAt: T0 + 200, leftAt: null, priority: 5 });
  });

  it('joins anyway when the switch cannot tell how busy the queue is', () => {
    const flow = compile();
    const result = answer(flow, start(flow, CALL), { type: 'effectFailed', at: T0 + 200, message: 'api timeout' });
    expect(kinds(result.effects)).toContain('enqueue');
  });
});

describe('queue node: while waiting', () => {
  it('announces real position and wait at once, then again only when the interval has passed', () => {
    const flow = compile();
    let result = joined(flow);
    const seq = result.state.pending?.seq;
    result = answer(flow, result, { type: 'queueUpdate', at: T0 + 1 * SECOND, position: 3, estimatedWaitSeconds: 200 });
    expect(announced(result.effects)).toEqual([
      'You are number 3 in the queue.',
      'Your expected wait is about 4 minutes.',
      'To keep your place and be called back, press 1.',
    ]);
    result = answer(flow, result, { type: 'queueUpdate', at: T0 + 31 * SECOND, position: 2, estimatedWaitSeconds: 150 });
    expect(result.effects).toEqual([]);
    result = answer(flow, result, { type: 'queueUpdate', at: T0 + 61 * SECOND, position: 2, estimatedWaitSeconds: 100 });
    expect(announced(result.effects)).toEqual([
      'You are number 2 in the queue.',
      'Your expected wait is about 2 minutes.',
      'To keep your place and be called back, press 1.',
    ]);
    // Announcements do not change what the call waits for: the switch's later events still match.
    expect(result.state.pending?.seq).toBe(seq);
    const done = step(flow, result.state, { type: 'queueExit', at: T0 + 70 * SECOND, reason: 'answered', seq });
    expect(visited(done.effects)).toEqual(['goodbye']);
  });

  it('never announces a number it does not know', () => {
    const flow = compile();
    const result = answer(flow, joined(flow), { type: 'queueUpdate', at: T0 + SECOND, position: 0, estimatedWaitSeconds: 0 });
    expect(announced(result.effects)).toEqual(['To keep your place and be called back, press 1.']);
  });

  it('sends the caller to overflow when the max-wait timer fires, leaving the queue', () => {
    const flow = compile();
    const waiting = joined(flow);
    const result = step(flow, waiting.state, { type: 'timer', at: T0 + 120_200, name: 'queue.maxWait' });
    expect(kinds(result.effects).slice(0, 1)).toEqual(['leaveQueue']);
    expect(result.effects).toContainEqual({ kind: 'leaveQueue', queue: 'support@default' });
    expect(visited(result.effects)).toEqual(['vm']);
    expect(result.state.lastQueue?.leftAt).toBe(T0 + 120_200);
  });

  it('takes the overflow route when the switch times the caller out, without a second leaveQueue', () => {
    const flow = compile();
    const result = answer(flow, joined(flow), { type: 'queueExit', at: T0 + 100 * SECOND, reason: 'timeout' });
    expect(kinds(result.effects)).not.toContain('leaveQueue');
    expect(result.effects).toContainEqual({ kind: 'cancelTimer', name: 'queue.maxWait' });
    expect(visited(result.effects)).toEqual(['vm']);
  });

  it('marks the call answered from the queue, and keeps that outcome through the final hang-up', () => {
    const flow = compile();
    const result = answer(flow, joined(flow), { type: 'queueExit', at: T0 + 45 * SECOND, reason: 'answered' });
    expect(result.state.reachedAgent).toBe(true);
    expect(result.effects).toContainEqual({ kind: 'cancelTimer', name: 'queue.maxWait' });
    expect(endOf(result.effects)?.outcome).toBe('answeredFromQueue');
    expect(result.state.lastQueue?.leftAt).toBe(T0 + 45 * SECOND);
  });

  it('ends the call politely after the agent call when the answered outlet is not connected', () => {
    const flow = compile({}, ['start:next->q', 'q:overflow->vm', 'q:callbackRequested->cb', 'cb:scheduled->goodbye', 'cb:declined->q', 'cb:failed->vm']);
    const result = answer(flow, joined(flow), { type: 'queueExit', at: T0 + 45 * SECOND, reason: 'answered' });
    expect(kinds(result.effects)).toEqual(['cancelTimer', 'hangup', 'end']);
    expect(endOf(result.effects)?.outcome).toBe('answeredFromQueue');
  });

  it('records a caller who hangs up while waiting as abandoned in the queue', () => {
    const flow = compile();
    const result = step(flow, joined(flow).state, { type: 'hangup', at: T0 + 30 * SECOND });
    expect(kinds(result.effects)).toEqual(['cancelTimer', 'end']);
    expect(endOf(result.effects)).toMatchObject({ outcome: 'abandonedInQueue', nodeId: 'q' });
    expect(result.state.lastQueue?.leftAt).toBe(T0 + 30 * SECOND);
  });

  it('runs the callerHungUp route (only nodes that need no caller), still counting the call as abandoned', () => {
    const flow = compile(
      {},
      ['start:next->q', 'q:answered->goodbye', 'q:overflow->vm', 'q:callbackRequested->cb', 'cb:scheduled->goodbye', 'cb:declined->q', 'cb:failed->vm', 'q:callerHungUp->note', 'note:next->goodbye'],
      [{ id: 'note', type: 'setVariable', data: { assignments: [{ variable: 'abandoned', expression: 'true' }] } }],
      [{ name: 'abandoned', type: 'boolean' }],
    );
    const result = step(flow, joined(flow).state, { type: 'hangup', at: T0 + 30 * SECOND });
    expect(visited(result.effects)).toEqual(['note', 'goodbye']);
    expect(result.state.vars['abandoned']).toBe(true);
    expect(kinds(result.effects)).not.toContain('hangup');
    expect(endOf(result.effects)?.outcome).toBe('abandonedInQueue');
  });
});

describe('queue node: exit keys and keep-your-place callbacks', () => {
  it('leaves the queue on the callback key and books a callback that keeps the time already waited', () => {
    const flow = compile();
    let result = answer(flow, joined(flow), { type: 'digits', at: T0 + 95_200, digits: '1' });
    expect(result.effects.slice(0, 2)).toEqual([
      { kind: 'leaveQueue', queue: 'support@default' },
      { kind: 'cancelTimer', name: 'queue.maxWait' },
    ]);
    expect(visited(result.effects)).toEqual(['cb']);
    const confirm = result.effects.find((e) => e.kind === 'collectDigits');
    expect(confirm && confirm.kind === 'collectDigits' && confirm.prompts[0]?.text).toBe(
      'We will call you back on 0 7 7 0 0, 9 0 0 1 2 3. To confirm, press 1. To enter another number, press 2.',
    );
    result = answer(flow, result, { type: 'digits', at: T0 + 105 * SECOND, digits: '1' });
    expect(result.effects).toContainEqual({
      kind: 'scheduleCallback',
      queue: 'support@default',
      number: '+447700900123',
      keepPlace: true,
      originalWaitSeconds: 95,
      priority: 5,
      window: null,
      seq: result.state.pending?.seq,
    });
    result = answer(flow, result, { type: 'callbackResult', at: T0 + 106 * SECOND, ok: true, callbackId: 'cb-1' });
    result = answer(flow, result, { type: 'promptFinished', at: T0 + 112 * SECOND });
    expect(endOf(result.effects)?.outcome).toBe('callbackScheduled');
  });

  it('follows the switch when it reports the exit key itself (no second leaveQueue)', () => {
    const flow = compile();
    const result = answer(flow, joined(flow), { type: 'queueExit', at: T0 + 20 * SECOND, reason: 'exitKey', detail: '1' });
    expect(kinds(result.effects)).not.toContain('leaveQueue');
    expect(visited(result.effects)).toEqual(['cb']);
  });

  it('survives malformed events from the edge: odd keys are ignored, an unknown exit reason takes the overflow route', () => {
    const flow = compile();
    const waiting = joined(flow);
    const odd = answer(flow, waiting, { type: 'digits', at: T0 + 5 * SECOND, digits: 7 as unknown as string });
    expect(odd.effects).toEqual([]);
    const unknown = answer(flow, waiting, { type: 'queueExit', at: T0 + 6 * SECOND, reason: 'agentWentHome' as unknown as 'error' });
    expect(visited(unknown.effects)).toEqual(['vm']);
  });

  it('ignores other keys pressed while waiting', () => {
    const flow = compile();
    const waiting = joined(flow);
    const result = answer(flow, waiting, { type: 'digits', at: T0 + 20 * SECOND, digits: '5' });
    expect(result.effects).toEqual([]);
    expect(result.state).toBe(waiting.state);
  });

  it('puts a caller who declines the callback back in the queue in their old place', () => {
    const flow = compile({ overflow: { maxWaitSeconds: 300 } });
    let result = answer(flow, joined(flow), { type: 'digits', at: T0 + 80_200, digits: '1' });
    result = answer(flow, result, { type: 'noInput', at: T0 + 86 * SECOND });
    result = answer(flow, result, { type: 'noInput', at: T0 + 92 * SECOND });
    result = answer(flow, result, { type: 'noInput', at: T0 + 98 * SECOND });
    expect(visited(result.effects)).toEqual(['q']);
    result = answer(flow, result, status(T0 + 98_500));
    expect(result.effects).toContainEqual(expect.objectContaining({ kind: 'enqueue', baseScoreSeconds: 80 }));
    expect(result.state.lastQueue).toMatchObject({ joinedAt: T0 + 18_500, leftAt: null });
  });

  it('offers a second key that leaves by the overflow route ("press 2 to leave a message")', () => {
    const flow = compile({
      leaveKey: '2',
      announcements: {
        everySeconds: 60,
        position: { text: { en: 'You are number ${position}.' } },
        leaveOffer: { text: { en: 'To leave a message, press ${leaveKey}.' } },
        callbackOffer: { text: { en: 'For a callback, press ${callbackKey}.' } },
      },
    });
    let result = joined(flow);
    expect(result.effects).toContainEqual(expect.objectContaining({ kind: 'enqueue', exitKeys: ['1', '2'] }));
    result = answer(flow, result, { type: 'queueUpdate', at: T0 + SECOND, position: 4, estimatedWaitSeconds: 0 });
    expect(announced(result.effects)).toEqual(['You are number 4.', 'For a callback, press 1.', 'To leave a message, press 2.']);
    result = answer(flow, result, { type: 'digits', at: T0 + 5 * SECOND, digits: '2' });
    expect(visited(result.effects)).toEqual(['vm']);
  });
});

describe('queue node: without an overflow route', () => {
  const edges = ['start:next->q', 'q:answered->goodbye', 'q:callbackRequested->cb', 'cb:scheduled->goodbye', 'cb:declined->q', 'cb:failed->vm'];

  it('warns (SB150) but compiles, and keeps callers waiting instead of starting a max-wait timer', () => {
    const document = buildFlow(
      [
        { id: 'start', type: 'start' },
        { id: 'q', type: 'queue', data: queueData() },
        { id: 'goodbye', type: 'hangup' },
        { id: 'vm', type: 'voicemail', data: { mailbox: 'support' } },
        { id: 'cb', type: 'callback', data: callbackNode.defaults() },
      ],
      edges,
    );
    const { ok, diagnostics } = compileFlow(document);
    expect(ok).toBe(true);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB150', severity: 'warning', nodeId: 'q', path: 'nodes[1].outlets.overflow' }));

    const flow = compile({}, edges);
    const full = answer(flow, start(flow, CALL), status(T0 + 200, { callersWaiting: 50, agentsLoggedIn: 0 }));
    expect(kinds(full.effects)).toEqual(['answer', 'enqueue']);
  });

  it('re-joins in the same place when the switch times the caller out', () => {
    const flow = compile({}, edges);
    const result = answer(flow, joined(flow), { type: 'queueExit', at: T0 + 300_200, reason: 'timeout' });
    expect(result.effects).toContainEqual(expect.objectContaining({ kind: 'enqueue', baseScoreSeconds: 300 }));
    expect(result.state.status).toBe('waiting');
  });
});

describe('queue node: settings', () => {
  function diagnosticsFor(data: Record<string, unknown>) {
    const document = buildFlow(
      [
        { id: 'start', type: 'start' },
        { id: 'q', type: 'queue', data },
        { id: 'goodbye', type: 'hangup' },
      ],
      ['start:next->q', 'q:overflow->goodbye', 'q:callbackRequested->goodbye'],
    );
    return compileFlow(document).diagnostics;
  }

  it('compiles its defaults without errors once the outlets are connected', () => {
    const document = buildFlow(
      [
        { id: 'start', type: 'start' },
        { id: 'q', type: 'queue', data: queueNode.defaults() },
        { id: 'goodbye', type: 'hangup' },
      ],
      ['start:next->q', 'q:overflow->goodbye', 'q:callbackRequested->goodbye'],
    );
    const { ok, diagnostics } = compileFlow(document);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects a bad queue name and repeated skills (SB151)', () => {
    const diagnostics = diagnosticsFor(queueData({ queue: 'support queue', skills: ['billing', 'billing'] }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB151', nodeId: 'q', path: 'nodes[1].data.queue', severity: 'error' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB151', path: 'nodes[1].data.skills[1]' }));
  });

  it('rejects the same key for callback and leaving (SB106)', () => {
    const diagnostics = diagnosticsFor(queueData({ leaveKey: '1' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB106', nodeId: 'q', path: 'nodes[1].data.leaveKey', severity: 'error' }));
  });

  it('checks announcement placeholders: queue numbers are known, other names are not', () => {
    const diagnostics = diagnosticsFor(
      queueData({ announcements: { everySeconds: 60, position: { text: { en: 'You are ${position}, about ${waitMinutes} min, ${mood}.' } }, callbackOffer: { text: { en: 'Press ${callbackKey}.' } } } }),
    );
    const unknown = diagnostics.filter((d) => d.code === 'SB133');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ path: 'nodes[1].data.announcements.position.text.en' });
    expect(unknown[0]?.message).toContain('mood');
  });

  it('warns when the callback key is never announced, or announcements come less often than the max wait', () => {
    const diagnostics = diagnosticsFor(queueData({ announcements: { everySeconds: 180, position: { text: { en: 'You are number ${position}.' } } } }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB151', severity: 'warning', path: 'nodes[1].data.callbackKey' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB151', severity: 'warning', path: 'nodes[1].data.announcements.everySeconds' }));
  });
});

describe('queue node: talking to an agent', () => {
  it('stops the max-wait timer when an agent picks up, so a long conversation never ends in overflow', () => {
    const flow = compile();
    const inQueue = joined(flow);
    const pickedUp = answer(flow, inQueue, { type: 'queueAnswered', at: T0 + 60 * SECOND, agent: 'agent-7' });
    expect(kinds(pickedUp.effects)).toEqual(['cancelTimer']);
    expect(pickedUp.state.reachedAgent).toBe(true);
    // A late max-wait timer (already on its way) and position updates are ignored while the two talk.
    const lateTimer = step(flow, pickedUp.state, { type: 'timer', name: 'queue.maxWait', at: T0 + 120 * SECOND });
    expect(lateTimer.effects).toEqual([]);
    expect(answer(flow, pickedUp, { type: 'queueUpdate', at: T0 + 130 * SECOND, position: 1, estimatedWaitSeconds: 0 }).effects).toEqual([]);
    const over = answer(flow, pickedUp, { type: 'queueExit', at: T0 + 400 * SECOND, reason: 'answered' });
    expect(visited(over.effects)).toEqual(['goodbye']);
    expect(endOf(over.effects)).toMatchObject({ outcome: 'answeredFromQueue' });
  });

  it('keeps the call counted as answered when the caller hangs up during the agent call', () => {
    const flow = compile();
    const pickedUp = answer(flow, joined(flow), { type: 'queueAnswered', at: T0 + 30 * SECOND });
    const gone = step(flow, pickedUp.state, { type: 'hangup', at: T0 + 200 * SECOND });
    expect(endOf(gone.effects)).toMatchObject({ outcome: 'answeredFromQueue', nodeId: 'q' });
    expect(kinds(gone.effects)).toEqual(['end']);
  });

  it('records how long the caller waited until the agent picked up', () => {
    const flow = compile();
    const pickedUp = answer(flow, joined(flow), { type: 'queueAnswered', at: T0 + 45 * SECOND });
    expect(pickedUp.state.lastQueue).toMatchObject({ name: 'support@default', leftAt: T0 + 45 * SECOND });
  });
});

describe('queue node: prompt placeholders', () => {
  it('tells the designer which extra names its prompts may use', () => {
    expect(queueNode.promptPlaceholders).toEqual(['position', 'waitMinutes', 'callbackKey', 'leaveKey']);
  });
});

describe('queue node: a callback offered when the queue turns the caller away at entry', () => {
  const edges = ['start:next->q', 'q:answered->goodbye', 'q:overflow->cb', 'q:noAgents->cb', 'q:callbackRequested->cb', 'cb:scheduled->goodbye', 'cb:declined->closed', 'cb:failed->vm'];
  const booking = (effects: Effect[]) => effects.find((e): e is Extract<Effect, { kind: 'scheduleCallback' }> => e.kind === 'scheduleCallback');
  const exits = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'visit' && e.arrivedFrom ? [e.arrivedFrom] : []));

  it.each([
    ['too many callers waiting', { callersWaiting: 12 }, 'overflow', /12 callers waiting \(limit 10\)/],
    ['no agents logged in', { agentsLoggedIn: 0 }, 'noAgents', /no agents/],
  ])('books the callback for that queue (%s), with no time waited', (_, over, outlet, reason) => {
    const flow = compile({ overflow: { maxWaitSeconds: 120, maxCallersWaiting: 10 }, whenNoAgents: true }, edges);
    let result = start(flow, CALL);
    result = answer(flow, result, status(T0 + SECOND, over));
    expect(exits(result.effects)).toContainEqual(expect.objectContaining({ nodeId: 'q', outlet, reason: expect.stringMatching(reason) }));
    result = answer(flow, result, { type: 'digits', at: T0 + 5 * SECOND, digits: '1' });
    expect(booking(result.effects)).toMatchObject({ queue: 'support@default', originalWaitSeconds: 0 });
  });

  it('a callback with no queue reached before any queue fails with the reason on its exit', () => {
    const flow = compile({}, ['start:next->cb', 'cb:scheduled->goodbye', 'cb:declined->closed', 'cb:failed->vm', 'q:answered->goodbye', 'q:overflow->vm', 'q:callbackRequested->cb']);
    let result = start(flow, CALL);
    result = answer(flow, result, { type: 'digits', at: T0 + 5 * SECOND, digits: '1' });
    expect(booking(result.effects)).toBeUndefined();
    result = answer(flow, result, { type: 'promptFinished', at: T0 + 8 * SECOND });
    expect(exits(result.effects)).toContainEqual({ nodeId: 'cb', outlet: 'failed', reason: expect.stringMatching(/no queue to call back from/), said: { id: 'callback.noQueue' } });
  });
});
