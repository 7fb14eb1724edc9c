/**
 * Simulated time. Every delay the emulator waits (a prompt playing, a queue timeout, a scripted caller hang-up)
 * goes through a {@link SimulationClock}, so tests can run minutes of call time in milliseconds.
 */
export interface SimulationClock {
  /** Simulated wall-clock time in milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` of simulated time, or rejects/resolves early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Longest delay a Node timer accepts. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * A clock that runs `timeScale` times faster than real time: `sleep(5000)` with `timeScale: 1000` waits 5 ms.
 * Simulated `now()` advances at the same rate, so event timestamps and epochs stay consistent with the delays.
 */
export function createScaledClock(timeScale = 1): SimulationClock {
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be positive, got ${timeScale}`);
  const realStart = Date.now();
  return {
    now: () => realStart + (Date.now() - realStart) * timeScale,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        // Nothing to wait for (an empty prompt): skip the timer, whose 1 ms minimum would dominate.
        if (ms <= 0) return void setImmediate(resolve);
        const timer = setTimeout(done, Math.min(MAX_TIMER_MS, Math.max(0, ms / timeScale)));
        function done(): void {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
      }),
  };
}
