import type { FlowRect } from './edge-culling';

/** How flow coordinates map onto the minimap: `minimap = (flow - origin) * scale`. */
export interface MinimapProjection {
  originX: number;
  originY: number;
  scale: number;
}

/** The smallest rectangle holding all of `rects` (null for none). */
export function boundsOf(rects: Iterable<FlowRect>): FlowRect | null {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const r of rects) {
    x1 = Math.min(x1, r.x);
    y1 = Math.min(y1, r.y);
    x2 = Math.max(x2, r.x + r.width);
    y2 = Math.max(y2, r.y + r.height);
  }
  return x1 === Infinity ? null : { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/**
 * Fits `bounds` (the nodes and the view) into a minimap of `width` × `height` pixels, centred, keeping the
 * aspect ratio, with `padding` pixels around.
 */
export function projectOnto(bounds: FlowRect, width: number, height: number, padding = 6): MinimapProjection {
  const scale = Math.min((width - 2 * padding) / Math.max(bounds.width, 1), (height - 2 * padding) / Math.max(bounds.height, 1));
  return {
    scale,
    originX: bounds.x - (width / scale - bounds.width) / 2,
    originY: bounds.y - (height / scale - bounds.height) / 2,
  };
}

/** A point on the minimap (pixels from its top left) in flow coordinates. */
export function toFlowPoint(projection: MinimapProjection, x: number, y: number): { x: number; y: number } {
  return { x: projection.originX + x / projection.scale, y: projection.originY + y / projection.scale };
}

/** Same projection (so a cached drawing of the nodes is still right). */
export const sameProjection = (a: MinimapProjection | null, b: MinimapProjection) => a !== null && a.scale === b.scale && a.originX === b.originX && a.originY === b.originY;
