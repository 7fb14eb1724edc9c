import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import type { CompiledFlow } from '../compiler/compiled.js';
import { buildFlow, T0 } from '../../test/build.js';
import { DEFAULT_LIMITS, start, step } from './interpreter.js';
import type { CallState } from './state.js';

function compiled(document: ReturnType<typeof buildFlow>): CompiledFlow {
  const result = compileFlow(document);
  if (!result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

const greeting = () =>
  compiled(
    buildFlow(
      [
        { id: 'start', type: 'start' },
        { id: 'hello', type: 'announcement', data: { prompt: { text: { en: 'Hello ${caller}', fr: 'Bonjour ${caller}' } } } },
        { id: 'bye', type: 'hangup' },
      ],
      ['start:next->hello', 'hello:next->bye'],
      { languages: ['en', 'fr'] },
    ),
  );

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('interpreter', () => {
  it('records a visit per node, speaks in the caller’s language and fills placeholders', () => {
    const { effects, state } = start(greeting(), { callId: 'c1', caller: '+33123', dialled: '100', at: T0, language: 'fr' });
    // The answer goes out just before the first prompt, not at the start node.
    expect(effects.map((e) => e.kind)).toEqual(['visit', 'visit', 'answer', 'play']);
    expect(effects[3]).toMatchObject({ kind: 'play', prompt: { language: 'fr', text: 'Bonjour +33123' }, seq: 1 });
    expect(state).toMatchObject({ status: 'waiting', pending: { nodeId: 'hello', seq: 1 } });
  });

  it('falls back to the flow’s first language for an unknown one', () => {
    const { effects } = start(greeting(), { callId: 'c1', caller: '1', dialled: '2', at: T0, language: 'de' });
    expect(effects[3]).toMatchObject({ prompt: { language: 'en', text: 'Hello 1' } });
  });

  it('ends with a hangup and a selfServed record', () => {
    const flow = greeting();
    const first = start(flow, { callId: 'c1', caller: '1', dialled: '2', at: T0 });
    const done = step(flow, first.state, { type: 'promptFinished', at: T0 + 2000, seq: 1 });
    expect(done.effects.map((e) => e.kind)).toEqual(['visit', 'hangup', 'end']);
    expect(done.effects.at(-1)).toMatchObject({ kind: 'end', outcome: 'selfServed', nodeId: 'bye', at: T0 + 2000 });
    expect(done.state.status).toBe('ended');
    expect(step(flow, done.state, { type: 'digits', digits: '1', at: T0 + 3000 }).effects).toEqual([]);
  });

  it('never modifies the state it is given, and its state survives a JSON round trip', () => {
    const flow = greeting();
    const first = start(flow, { callId: 'c1', caller: '1', dialled: '2', at: T0 });
    const frozen = deepFreeze(structuredClone(first.state));
    const viaJson = JSON.parse(JSON.stringify(first.state)) as CallState;
    const a = step(flow, frozen, { type: 'promptFinished', at: T0 + 1, seq: 1 });
    const b = step(flow, viaJson, { type: 'promptFinished', at: T0 + 1, seq: 1 });
    expect(a).toEqual(b);
  });

  it('a caller hanging up mid-prompt ends the call where they were, with no hangup sent to the dead channel', () => {
    const flow = greeting();
    const first = start(flow, { callId: 'c1', caller: '1', dialled: '2', at: T0 });
    const gone = step(flow, first.state, { type: 'hangup', at: T0 + 500 });
    expect(gone.effects).toEqual([{ kind: 'end', outcome: 'callerHungUp', flow: 'Test flow', nodeId: 'hello', at: T0 + 500, reason: 'caller hung up', said: { id: 'end.callerHungUp' }, lastExit: null }]);
  });

  it('stops a loop without caller input with a clean hangup once the per-event budget is spent', () => {
    const loop: CompiledFlow = {
      format: 1,
      name: 'loop',
      schemaVersion: 1,
      languages: ['en'],
      variables: [],
      entry: 's',
      nodes: { s: { type: 'start', config: { answer: false }, next: { next: 's' } } },
      subflows: [],
      hash: 'x',
    };
    const { effects, state } = start(loop, { callId: 'c', caller: '1', dialled: '2', at: T0 });
    expect(effects.filter((e) => e.kind === 'visit')).toHaveLength(1000);
    expect(effects.at(-2)).toMatchObject({ kind: 'hangup', cause: 'NORMAL_TEMPORARY_FAILURE' });
    expect(effects.at(-1)).toMatchObject({ kind: 'end', outcome: 'error', reason: expect.stringMatching(/step budget exceeded \(1000 steps/) });
    expect(state.status).toBe('ended');
  });

  it('stops a call that loops through prompts forever once the per-call budget is spent', () => {
    const flow = compiled(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'a', type: 'announcement', data: { prompt: { text: { en: 'again' } } } },
        ],
        ['start:next->a', 'a:next->a'],
      ),
    );
    const limits = { ...DEFAULT_LIMITS, maxStepsPerEvent: 1000, maxStepsPerCall: 50 };
    let result = start(flow, { callId: 'c', caller: '1', dialled: '2', at: T0 }, limits);
    for (let i = 0; i < 100 && result.state.status !== 'ended'; i++) {
      result = step(flow, result.state, { type: 'promptFinished', at: T0 + i, seq: result.state.seq }, limits);
    }
    expect(result.state.status).toBe('ended');
    expect(result.effects.at(-1)).toMatchObject({ outcome: 'error', reason: expect.stringMatching(/50 steps in one call/) });
  });

  it('an unconnected outlet ends the call with an apology-free hangup and says which outlet', () => {
    const flow = compiled(buildFlow([{ id: 'start', type: 'start' }, { id: 'a', type: 'announcement', data: { prompt: { text: { en: 'hi' } } } }], ['start:next->a']));
    const first = start(flow, { callId: 'c', caller: '1', dialled: '2', at: T0 });
    const next = step(flow, first.state, { type: 'promptFinished', at: T0, seq: 1 });
    expect(next.effects.at(-1)).toMatchObject({ kind: 'end', outcome: 'error', reason: 'outlet "next" of node a is not connected' });
    expect(next.effects.at(-2)).toMatchObject({ kind: 'hangup' });
  });

  it('does not let time run backwards', () => {
    const flow = greeting();
    const first = start(flow, { callId: 'c', caller: '1', dialled: '2', at: T0 });
    const next = step(flow, first.state, { type: 'promptFinished', at: T0 - 60_000, seq: 1 });
    expect(next.state.now).toBe(T0);
  });
});
