import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import { start } from '../interpreter/interpreter.js';
import { buildFlow, T0 } from '../../test/build.js';

/** Language selection: "press 1 for English, 2 for Chinese" sets the caller's language for the prompts after it. */
function languageFlow(expression: string) {
  return buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'set', type: 'setVariable', data: { assignments: [{ variable: 'language', expression }] } },
      { id: 'hello', type: 'announcement', data: { prompt: { text: { en: 'Hello.', 'zh-CN': '您好。' } } } },
      { id: 'end', type: 'hangup' },
    ],
    ['start:next->set', 'set:next->hello', 'hello:next->end'],
    { languages: ['en', 'zh-CN'] },
  );
}

const call = { callId: 'c1', caller: '+441632960000', dialled: '100', at: T0 };

describe('setVariable: the caller\'s language', () => {
  it('switches the language later prompts are spoken in', () => {
    const result = compileFlow(languageFlow('"zh-CN"'));
    expect(result.diagnostics).toEqual([]);
    const { state, effects } = start(result.compiled!, call);
    expect(state.call.language).toBe('zh-CN');
    expect(effects.find((e) => e.kind === 'play')).toMatchObject({ prompt: { language: 'zh-CN', text: '您好。' } });
    expect(effects.some((e) => e.kind === 'setVariable')).toBe(false);
  });

  it('warns (SB060) about a language the flow does not offer, and leaves the language unchanged at run time', () => {
    const result = compileFlow(languageFlow('"fr"'));
    expect(result.diagnostics).toMatchObject([{ code: 'SB060', severity: 'warning', path: 'nodes[1].data.assignments[0].expression', message: expect.stringContaining('"fr"') }]);
    const { state, effects } = start(result.compiled!, call);
    expect(state.call.language).toBe('en');
    expect(effects.find((e) => e.kind === 'play')).toMatchObject({ prompt: { language: 'en', text: 'Hello.' } });
  });

  it('needs a string', () => {
    expect(compileFlow(languageFlow('1 + 1')).diagnostics).toMatchObject([{ code: 'SB132', severity: 'error' }]);
  });
});
