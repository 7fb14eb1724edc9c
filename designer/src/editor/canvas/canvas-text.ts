import type { TFunction } from 'i18next';
import { createContext, useContext } from 'react';

/**
 * The translate function canvas nodes use. One `useTranslation` subscription for the whole canvas instead of
 * three per node, and plain strings memoised per language: a 500-node flow asks for the same few dozen
 * titles and outlet labels thousands of times.
 */
export const CanvasTextContext = createContext<TFunction | null>(null);

export function useCanvasText(): TFunction {
  const t = useContext(CanvasTextContext);
  if (!t) throw new Error('canvas nodes must be rendered inside the flow editor');
  return t;
}

/** Wrap `t` so calls without interpolation values are answered from a cache (make a new one per language). */
export function memoizeTranslations(translate: TFunction): TFunction {
  const t = translate as unknown as (key: string, options?: Record<string, unknown>) => unknown;
  const cache = new Map<string, string>();
  const memoized = (key: string, options?: Record<string, unknown>): string => {
    if (options && Object.keys(options).some((name) => name !== 'defaultValue')) return t(key, options) as string;
    const cacheKey = options?.defaultValue === undefined ? key : `${key}\u0000${String(options.defaultValue)}`;
    let text = cache.get(cacheKey);
    if (text === undefined) {
      text = t(key, options) as string;
      cache.set(cacheKey, text);
    }
    return text;
  };
  return memoized as unknown as TFunction;
}
