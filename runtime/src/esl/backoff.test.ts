import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const options = { initialMs: 100, maxMs: 1000, factor: 2 };

  it('doubles per attempt between half and all of the ceiling', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, options, () => 0))).toEqual([50, 100, 200, 400]);
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, options, () => 1))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds maxMs however many attempts failed', () => {
    expect(backoffDelay(50, options, () => 1)).toBe(1000);
    expect(backoffDelay(50, options, () => 0)).toBe(500);
  });
});
