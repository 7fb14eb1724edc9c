/** Time as the runtime sees it: injectable, so tests can jump to a holiday and run queue waits in milliseconds. */
export interface RuntimeClock {
  /** Epoch milliseconds; every interpreter event is stamped with it. */
  now(): number;
  /** Runs `callback` after `ms` of this clock's time. */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Wall-clock time and real timers. */
export const systemClock: RuntimeClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * A clock that starts at `startAt` and runs `timeScale` times faster than real time (timers shrink to match),
 * e.g. to line up with an emulator running at the same scale.
 */
export function scaledClock(startAt: number, timeScale = 1): RuntimeClock {
  const realStart = Date.now();
  return {
    now: () => startAt + (Date.now() - realStart) * timeScale,
    setTimeout: (callback, ms) => setTimeout(callback, Math.max(0, ms / timeScale)),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}
