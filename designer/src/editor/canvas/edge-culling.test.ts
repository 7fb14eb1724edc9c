import { describe, expect, it } from 'vitest';
import { cullEdges, sameItemsOr, viewRegion, type FlowRect } from './edge-culling';

const box = (x: number, y: number): FlowRect => ({ x, y, width: 200, height: 100 });

describe('view region', () => {
  it('always contains the whole view, wherever it is panned and zoomed', () => {
    for (const zoom of [0.05, 0.3, 0.71, 1, 1.4, 2]) {
      for (const tx of [-12345, -800, -1, 0, 3, 999]) {
        for (const ty of [-5000, 0, 420]) {
          const region = viewRegion([tx, ty, zoom], 1200, 700)!;
          const view = { x: -tx / zoom, y: -ty / zoom, width: 1200 / zoom, height: 700 / zoom };
          expect(view.x).toBeGreaterThanOrEqual(region.rect.x);
          expect(view.y).toBeGreaterThanOrEqual(region.rect.y);
          expect(view.x + view.width).toBeLessThanOrEqual(region.rect.x + region.rect.width);
          expect(view.y + view.height).toBeLessThanOrEqual(region.rect.y + region.rect.height);
        }
      }
    }
  });

  it('keeps its key while the view pans within a cell, and changes it a screen further or a zoom step on', () => {
    const key = (tx: number, zoom = 1) => viewRegion([tx, 0, zoom], 1000, 600)!.key;
    expect(key(-10)).toBe(key(-900));
    expect(key(-10)).not.toBe(key(-1010));
    expect(key(-10)).not.toBe(key(-10, 1.5));
  });

  it('is null until the canvas has a size', () => {
    expect(viewRegion([0, 0, 1], 0, 600)).toBeNull();
  });
});

describe('culling edges', () => {
  const boxes = new Map([
    ['a', box(0, 0)],
    ['b', box(400, 0)],
    ['far1', box(-5000, -5000)],
    ['far2', box(5000, 5000)],
    ['far3', box(-5000, 5000)],
    ['far4', box(-4000, 5000)],
  ]);
  const region = { x: -100, y: -100, width: 1000, height: 600 };
  const edges = [
    { id: 'inside', source: 'a', target: 'b' },
    { id: 'one end in', source: 'a', target: 'far2' },
    { id: 'crossing', source: 'far1', target: 'far2' },
    { id: 'far away', source: 'far3', target: 'far4' },
    { id: 'unknown end', source: 'far3', target: 'new' },
  ];

  it('keeps edges with an end in the region, draws crossing ones as lines and leaves out the rest', () => {
    const culled = cullEdges(edges, boxes, region, () => false);
    expect(culled.anchored.map((e) => e.id)).toEqual(['inside', 'one end in', 'unknown end']);
    expect(culled.passing.map((e) => e.id)).toEqual(['crossing']);
  });

  it('keeps edges it is told to wherever they are', () => {
    const culled = cullEdges(edges, boxes, region, (e) => e.id === 'far away' || e.id === 'crossing');
    expect(culled.anchored.map((e) => e.id)).toEqual(['inside', 'one end in', 'crossing', 'far away', 'unknown end']);
    expect(culled.passing).toEqual([]);
  });

  it('hands back the previous list when the items are the same', () => {
    const a = [edges[0]!, edges[1]!];
    expect(sameItemsOr(a, [edges[0]!, edges[1]!])).toBe(a);
    const b = [edges[1]!];
    expect(sameItemsOr(a, b)).toBe(b);
  });
});
