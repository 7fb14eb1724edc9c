import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_MESSAGES, NODE_TYPES, placeholdersOf, REASON_MESSAGES, type DiagnosticMessageId, type ReasonId } from '@switchboard/flows';
import { zhCNSaidMessages } from './zh-CN-said-messages';
import { en } from './en';
import { zhCN } from './zh-CN';

/** Every leaf key, with plural suffixes folded (`waits_one`/`waits_other` → `waits`). */
function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix.replace(/_(one|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('UI translations', () => {
  it('Chinese has every English key and no others', () => {
    const english = new Set(keys(en));
    const chinese = new Set(keys(zhCN));
    expect([...english].filter((k) => !chinese.has(k))).toEqual([]);
    expect([...chinese].filter((k) => !english.has(k))).toEqual([]);
  });

  it('covers every node type and every diagnostic code of the flows core', () => {
    for (const type of NODE_TYPES) expect(zhCN.nodes[type as keyof typeof zhCN.nodes]?.title, type).toBeTruthy();
    for (const code of Object.keys(DIAGNOSTIC_CODES)) expect(zhCN.diagnostics[code as keyof typeof zhCN.diagnostics]?.hint, code).toBeTruthy();
  });

  it('says every diagnostic message of the flows core in Chinese, with the same placeholders as the English', () => {
    const ids = Object.keys(DIAGNOSTIC_MESSAGES) as DiagnosticMessageId[];
    expect(ids.length).toBeGreaterThan(100);
    const untranslated: string[] = [];
    for (const id of ids) {
      const [code, name] = id.split('.') as [string, string];
      const english = (en.diagnostics.messages as Record<string, Record<string, string>>)[code]?.[name];
      const chinese = (zhCN.diagnostics.messages as Record<string, Record<string, string>>)[code]?.[name];
      expect(english, id).toBe(DIAGNOSTIC_MESSAGES[id]);
      expect(chinese, id).toBeTruthy();
      expect(placeholdersOf(chinese as string).sort(), id).toEqual(placeholdersOf(DIAGNOSTIC_MESSAGES[id]).sort());
      // Chinese text, not the English left in place (a bare {{detail}} passes library text through in both).
      if (DIAGNOSTIC_MESSAGES[id] !== '{{detail}}' && !/[\u4e00-\u9fff]/.test(chinese as string)) untranslated.push(id);
    }
    expect(untranslated).toEqual([]);
  });

  it('says every reason and note of the interpreter and runtime in Chinese, with the same ids and placeholders as the English', () => {
    const ids = Object.keys(REASON_MESSAGES) as ReasonId[];
    expect(Object.keys(zhCNSaidMessages).sort()).toEqual([...ids].sort());
    const untranslated: string[] = [];
    for (const id of ids) {
      const english = REASON_MESSAGES[id];
      const chinese = zhCNSaidMessages[id];
      expect(placeholdersOf(chinese).sort(), id).toEqual(placeholdersOf(english).sort());
      // Chinese text, unless the message is nothing but values (`{{failure}}`) or nothing at all.
      if (english.replace(/\{\{\w+\}\}/g, '').trim() !== '' && !/[\u4e00-\u9fff]/.test(chinese)) untranslated.push(id);
    }
    expect(untranslated).toEqual([]);
  });
});
