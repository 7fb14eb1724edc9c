import { describe, expect, it } from 'vitest';
import type { RuntimeClock } from './clock.js';
import { CallTimers } from './timers.js';

/** A clock whose timers only run when the test says so. */
function manualClock() {
  const pending = new Map<number, { at: number; run: () => void }>();
  let now = 0;
  let next = 1;
  const clock: RuntimeClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      pending.set(next, { at: now + ms, run });
      return next++;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [handle, timer] of [...pending]) {
      if (timer.at <= now) {
        pending.delete(handle);
        timer.run();
      }
    }
  };
  return { clock, pending, advance };
}

describe('CallTimers', () => {
  it('fires a named timer once, restarts it on start, cancels it, and clears everything at the end of the call', () => {
    const { clock, pending, advance } = manualClock();
    const timers = new CallTimers(clock);
    const fired: string[] = [];
    timers.start('queue.maxWait', 1000, () => fired.push('maxWait'));
    advance(500);
    timers.start('queue.maxWait', 1000, () => fired.push('maxWait again'));
    advance(600);
    expect(fired).toEqual([]);
    advance(400);
    expect(fired).toEqual(['maxWait again']);
    timers.start('a', 10, () => fired.push('a'));
    timers.start('b', 10, () => fired.push('b'));
    timers.cancel('a');
    timers.clear();
    advance(100);
    expect(fired).toEqual(['maxWait again']);
    expect(timers.pending).toBe(0);
    expect(pending.size).toBe(0);
  });
});
