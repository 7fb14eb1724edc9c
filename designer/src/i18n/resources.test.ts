import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, NODE_TYPES } from '@switchboard/flows';
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
});
