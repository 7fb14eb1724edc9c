import { describe, expect, it } from 'vitest';
import { boundsOf, projectOnto, toFlowPoint } from './minimap-geometry';

describe('minimap geometry', () => {
  it('bounds hold every rectangle', () => {
    expect(boundsOf([{ x: 0, y: 0, width: 10, height: 10 }, { x: -5, y: 20, width: 100, height: 5 }])).toEqual({ x: -5, y: 0, width: 100, height: 25 });
    expect(boundsOf([])).toBeNull();
  });

  it('fits the bounds into the minimap, centred, and maps minimap points back to the flow', () => {
    const bounds = { x: 1000, y: 500, width: 4000, height: 1000 };
    const projection = projectOnto(bounds, 200, 150, 0);
    expect(projection.scale).toBeCloseTo(200 / 4000);
    // The flow's left edge is at the minimap's left; its middle at the minimap's middle.
    expect(toFlowPoint(projection, 0, 75)).toEqual({ x: 1000, y: 1000 });
    expect(toFlowPoint(projection, 200, 75).x).toBeCloseTo(5000);
  });
});
