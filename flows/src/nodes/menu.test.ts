import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import { start, step } from '../interpreter/interpreter.js';
import type { Effect } from '../interpreter/effects.js';
import { buildFlow, T0 } from '../../test/build.js';

function menuFlow(menuData: Record<string, unknown> = {}) {
  const document = buildFlow(
    [
      { id: 'start', type: 'start' },
      {
        id: 'main',
        type: 'menu',
        data: {
          prompt: { text: { en: 'For sales press 1, for an agent press 0.' } },
          options: [
            { digit: '1', label: 'Sales' },
            { digit: '0', label: 'Agent' },
          ],
          noInputPrompt: { text: { en: 'Sorry, I did not hear anything.' } },
          invalidPrompt: { text: { en: 'Sorry, that is not an option.' } },
          ...menuData,
        },
      },
      { id: 'sales', type: 'announcement', data: { prompt: { text: { en: 'Sales.' } } } },
      { id: 'bye', type: 'hangup' },
      { id: 'sorry', type: 'hangup', data: { goodbye: { text: { en: 'Goodbye.' } } } },
    ],
    ['start:next->main', 'main:1->sales', 'main:0->bye', 'sales:next->bye', 'main:noInput->sorry'],
  );
  const result = compileFlow(document);
  if (!result.compiled) throw new Error(JSON.stringify(result.diagnostics));
  return result.compiled;
}

const kinds = (effects: Effect[]) => effects.filter((e) => e.kind !== 'visit').map((e) => e.kind);

describe('menu node', () => {
  it('answers, asks for one key and routes the pressed digit to its outlet', () => {
    const flow = menuFlow();
    const first = start(flow, { callId: 'c1', caller: '+441', dialled: '100', at: T0 });
    expect(kinds(first.effects)).toEqual(['answer', 'collectDigits']);
    const collect = first.effects.find((e) => e.kind === 'collectDigits');
    expect(collect).toMatchObject({ maxDigits: 1, timeoutMs: 5000, prompts: [{ text: 'For sales press 1, for an agent press 0.' }] });
    const pressed = step(flow, first.state, { type: 'digits', digits: '1', at: T0 + 3000, seq: first.state.pending?.seq });
    expect(pressed.effects).toContainEqual(expect.objectContaining({ kind: 'visit', nodeId: 'sales' }));
    expect(pressed.effects).toContainEqual(expect.objectContaining({ kind: 'play', prompt: { language: 'en', text: 'Sales.' } }));
  });

  it('retries after silence with the no-input prompt, then leaves by noInput', () => {
    const flow = menuFlow({ maxRetries: 1 });
    let result = start(flow, { callId: 'c1', caller: '+441', dialled: '100', at: T0 });
    result = step(flow, result.state, { type: 'noInput', at: T0 + 5000 });
    const retry = result.effects.find((e) => e.kind === 'collectDigits');
    expect(retry && retry.kind === 'collectDigits' && retry.prompts.map((p) => p.text)).toEqual([
      'Sorry, I did not hear anything.',
      'For sales press 1, for an agent press 0.',
    ]);
    result = step(flow, result.state, { type: 'noInput', at: T0 + 10000 });
    expect(result.effects).toContainEqual(expect.objectContaining({ kind: 'visit', nodeId: 'sorry' }));
  });

  it('counts wrong keys as failures and falls back from invalid to noInput when invalid is unconnected', () => {
    const flow = menuFlow({ maxRetries: 0 });
    const first = start(flow, { callId: 'c1', caller: '+441', dialled: '100', at: T0 });
    const wrong = step(flow, first.state, { type: 'digits', digits: '7', at: T0 + 1000 });
    expect(wrong.effects).toContainEqual(expect.objectContaining({ kind: 'visit', nodeId: 'sorry' }));
  });

  it('ignores an answer to an earlier prompt (stale seq)', () => {
    const flow = menuFlow();
    const first = start(flow, { callId: 'c1', caller: '+441', dialled: '100', at: T0 });
    const stale = step(flow, first.state, { type: 'digits', digits: '1', at: T0 + 1000, seq: 999 });
    expect(stale.effects).toEqual([]);
    expect(stale.state).toBe(first.state);
  });

  it('reports duplicate digits (SB103) and more than four options (SB101) at the option path', () => {
    const document = buildFlow(
      [
        { id: 'start', type: 'start' },
        {
          id: 'm',
          type: 'menu',
          data: {
            prompt: { text: { en: 'Choose.' } },
            options: ['1', '2', '3', '4', '1'].map((digit, i) => ({ digit, label: `Option ${i}` })),
          },
        },
      ],
      ['start:next->m'],
    );
    const { diagnostics } = compileFlow(document);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB103', nodeId: 'm', path: 'nodes[1].data.options[4].digit', severity: 'error' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'SB101', nodeId: 'm', severity: 'warning' }));
  });
});
