import { describe, expect, it } from 'vitest';
import { createScaledClock } from './clock.js';

describe('createScaledClock', () => {
  it('runs simulated seconds in real milliseconds and advances now() to match', async () => {
    const clock = createScaledClock(1000);
    const before = clock.now();
    const realStart = Date.now();
    await clock.sleep(5000);
    expect(Date.now() - realStart).toBeLessThan(1000);
    expect(clock.now() - before).toBeGreaterThanOrEqual(4900);
  });

  it('wakes early when the signal aborts', async () => {
    const clock = createScaledClock(1);
    const controller = new AbortController();
    const sleeping = clock.sleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });

  it('rejects a non-positive scale', () => {
    expect(() => createScaledClock(0)).toThrow(RangeError);
  });
});
