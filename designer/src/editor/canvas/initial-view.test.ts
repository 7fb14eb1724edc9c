import { describe, expect, it } from 'vitest';
import { largeFlow } from '../examples/large-flow';
import { supportLineFlow } from '../examples/support-line';
import { initialViewNodeIds } from './initial-view';

describe('initial view', () => {
  it('fits a small flow whole', () => {
    expect(initialViewNodeIds(supportLineFlow())).toBeNull();
  });

  it('opens a large flow on Start and the steps right after it', () => {
    const ids = initialViewNodeIds(largeFlow(500));
    expect(ids?.[0]).toBe('start');
    expect(ids).toHaveLength(12);
    expect(ids).toEqual(expect.arrayContaining(['step_1', 'step_2', 'end']));
  });
});
