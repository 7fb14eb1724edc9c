import { describe, expect, it } from 'vitest';
import { contactCentreFlow, SHARED_NODE_IDS } from '../examples/contact-centre-flow';
import { largeFlow } from '../examples/large-flow';
import { supportLineFlow } from '../examples/support-line';
import { initialViewNodeIds, OPENING_AREA } from './initial-view';

describe('initial view', () => {
  it('fits a small flow whole', () => {
    expect(initialViewNodeIds(supportLineFlow())).toBeNull();
  });

  it('opens a large flow on Start and the steps right after it', () => {
    const ids = initialViewNodeIds(largeFlow(500));
    expect(ids?.[0]).toBe('start');
    // The chain of steps runs along a row: the ones within a screen of Start (the 6th is further right).
    expect(ids).toEqual(['start', 'step_1', 'step_2', 'end', 'step_3', 'step_4', 'step_5']);
  });

  it('leaves out steps far from Start, such as end nodes every department shares', () => {
    const flow = contactCentreFlow(2000);
    const ids = initialViewNodeIds(flow) ?? [];
    expect(ids).toEqual(expect.arrayContaining(['start', 'hours', 'main', 'dept_0']));
    expect(ids).not.toContain(SHARED_NODE_IDS.end);
    const start = flow.nodes.find((n) => n.id === 'start')!.position;
    for (const id of ids) {
      const at = flow.nodes.find((n) => n.id === id)!.position;
      expect(at.x - start.x).toBeLessThanOrEqual(OPENING_AREA.right);
      expect(Math.abs(at.y - start.y)).toBeLessThanOrEqual(OPENING_AREA.down);
    }
  });
});
