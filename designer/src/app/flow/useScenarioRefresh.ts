import { useEffect } from 'react';

/** How often an open draft asks for scenarios saved elsewhere while its tab is visible. */
export const SCENARIO_REFRESH_MS = 10_000;

/**
 * Calls `refresh` when the tab comes back into view or the window gets focus, and every `intervalMs` while the
 * tab is visible: scenarios a tester saves in another browser show up in an open editor without a reload.
 */
export function useScenarioRefresh(refresh: () => Promise<void>, intervalMs = SCENARIO_REFRESH_MS): void {
  useEffect(() => {
    const visible = () => globalThis.document?.visibilityState !== 'hidden';
    // A failed refresh is not worth a message: the next one, or the next autosave, brings the scenarios.
    const run = () => void refresh().catch(() => undefined);
    const onVisibility = () => {
      if (visible()) run();
    };
    window.addEventListener('focus', run);
    globalThis.document?.addEventListener('visibilitychange', onVisibility);
    const timer = setInterval(() => {
      if (visible()) run();
    }, intervalMs);
    return () => {
      window.removeEventListener('focus', run);
      globalThis.document?.removeEventListener('visibilitychange', onVisibility);
      clearInterval(timer);
    };
  }, [refresh, intervalMs]);
}
