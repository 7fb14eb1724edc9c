/** A rectangle in flow coordinates. */
export interface FlowRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of the flow around the view whose edges React Flow renders; the key changes when it does. */
export interface ViewRegion {
  key: string;
  rect: FlowRect;
}

/**
 * The region around the view: the flow cut into cells the size of the view at its zoom (half-octave steps), the
 * view's cell widened by half a cell on every side beyond the cells the view can reach. The key only changes when
 * the view moves into another cell or zoom step, so panning re-culls edges once per screen, not per frame, while
 * everything on screen is always inside the region. Null until the canvas has a size.
 */
export function viewRegion(transform: readonly [number, number, number], width: number, height: number): ViewRegion | null {
  const [tx, ty, zoom] = transform;
  if (!(width > 0 && height > 0 && zoom > 0)) return null;
  const step = Math.floor(Math.log2(zoom) * 2);
  const cellZoom = 2 ** (step / 2);
  const cellWidth = width / cellZoom;
  const cellHeight = height / cellZoom;
  const column = Math.floor(-tx / zoom / cellWidth);
  const row = Math.floor(-ty / zoom / cellHeight);
  return {
    key: `${step}:${column}:${row}`,
    rect: { x: (column - 0.5) * cellWidth, y: (row - 0.5) * cellHeight, width: 3 * cellWidth, height: 3 * cellHeight },
  };
}

const overlaps = (a: FlowRect, b: FlowRect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function spanning(a: FlowRect, b: FlowRect): FlowRect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

/** Edges by where they are drawn, for one view region. */
export interface CulledEdges<E> {
  /** An end in the region (or kept by `keep`): React Flow renders them, clickable and selectable. */
  anchored: E[];
  /** Both ends outside the region, but their span crosses it: drawn as plain lines in one layer. */
  passing: E[];
}

/**
 * Splits edges by the region: edges with an end in it stay React Flow edges; edges whose ends are both outside
 * but that may cross it (the region overlaps the box spanning their ends) are drawn as plain lines; the rest are
 * far away and not drawn. `keep` marks edges that stay React Flow edges wherever they are (selected ones, edges of
 * selected nodes, which move during a drag). An end whose box is unknown counts as inside.
 */
export function cullEdges<E extends { source: string; target: string }>(
  edges: readonly E[],
  boxes: ReadonlyMap<string, FlowRect>,
  region: FlowRect,
  keep: (edge: E) => boolean,
): CulledEdges<E> {
  const anchored: E[] = [];
  const passing: E[] = [];
  const inRegion = new Map<string, boolean>();
  const isIn = (id: string) => {
    let inside = inRegion.get(id);
    if (inside === undefined) {
      const box = boxes.get(id);
      inside = box === undefined || overlaps(box, region);
      inRegion.set(id, inside);
    }
    return inside;
  };
  for (const edge of edges) {
    if (keep(edge) || isIn(edge.source) || isIn(edge.target)) anchored.push(edge);
    else if (overlaps(spanning(boxes.get(edge.source)!, boxes.get(edge.target)!), region)) passing.push(edge);
  }
  return { anchored, passing };
}

/** `next` when it holds other items than `previous`, otherwise `previous` (so React Flow sees no change). */
export function sameItemsOr<T>(previous: readonly T[], next: readonly T[]): readonly T[] {
  return previous.length === next.length && previous.every((item, i) => item === next[i]) ? previous : next;
}
