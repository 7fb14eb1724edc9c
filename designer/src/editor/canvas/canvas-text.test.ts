import type { TFunction } from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import { memoizeTranslations } from './canvas-text';

describe('memoised canvas translations', () => {
  it('asks i18next once per plain key, every time when values are interpolated', () => {
    const translate = vi.fn((key: string, options?: { count?: number }) => (options?.count === undefined ? key.toUpperCase() : `${key}:${options.count}`));
    const t = memoizeTranslations(translate as unknown as TFunction);
    expect(t('nodes.menu.title')).toBe('NODES.MENU.TITLE');
    expect(t('nodes.menu.title')).toBe('NODES.MENU.TITLE');
    expect(t('units.seconds', { count: 2 })).toBe('units.seconds:2');
    expect(t('units.seconds', { count: 3 })).toBe('units.seconds:3');
    expect(translate).toHaveBeenCalledTimes(3);
  });
});
