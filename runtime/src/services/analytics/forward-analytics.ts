import type { CallAnalytics } from '../contracts.js';

/**
 * Every method of {@link CallAnalytics}. `satisfies` makes a method added to the interface fail to compile here until
 * it is listed, so no wrapper can silently drop it (one once dropped `stepped`, and calls lost their traces).
 */
const METHODS = { callStarted: true, stepped: true, nodeVisited: true, queueWaited: true, surveyAnswered: true, callEnded: true } as const satisfies Record<keyof CallAnalytics, true>;

/** `inner` with some methods replaced by `overrides`; every other method is passed on to `inner` unchanged. */
export function wrapAnalytics(inner: CallAnalytics, overrides: Partial<CallAnalytics>): CallAnalytics {
  const wrapped: Record<string, unknown> = {};
  for (const name of Object.keys(METHODS) as Array<keyof CallAnalytics>) {
    const own = overrides[name];
    wrapped[name] = own ?? ((...args: unknown[]) => (inner[name] as ((...values: unknown[]) => void) | undefined)?.apply(inner, args));
  }
  return wrapped as unknown as CallAnalytics;
}
