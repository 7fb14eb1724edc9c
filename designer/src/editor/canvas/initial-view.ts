import type { FlowDocument } from '@switchboard/flows';

/**
 * Room kept free when fitting the flow into view: the minimap (about 200 × 150 px, bottom right) must never
 * cover a node's outlets, so the bottom keeps its height.
 */
export const FIT_VIEW_PADDING = { top: '32px', left: '32px', right: '32px', bottom: '180px' } as const;

/** Up to this many nodes the whole flow is fitted into view when the editor opens. */
export const FIT_ALL_UP_TO = 200;
/** Larger flows open on this many steps from Start, readable and fast: only what is on screen is rendered. */
const OPENING_STEPS = 12;
/**
 * The opening steps lie within about one screen of Start (flow units, Start's corner at the left middle): a step
 * far away, such as the end node every department shares, would zoom the opening view out to thousands of specks.
 */
export const OPENING_AREA = { left: -300, right: 1800, up: 550, down: 550 } as const;

/**
 * Which nodes the editor fits into view when it opens: all of a small flow; for a large one, Start and the
 * first steps after it (breadth-first) that lie near it, so the canvas opens readable instead of as 500 specks.
 */
export function initialViewNodeIds(document: FlowDocument): string[] | null {
  if (document.nodes.length <= FIT_ALL_UP_TO) return null;
  const start = document.nodes.find((n) => n.type === 'start') ?? document.nodes[0];
  if (!start) return null;
  const next = new Map<string, string[]>();
  for (const edge of document.edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const positions = new Map(document.nodes.map((n) => [n.id, n.position]));
  const near = (id: string) => {
    const at = positions.get(id);
    if (!at) return false;
    const dx = at.x - start.position.x;
    const dy = at.y - start.position.y;
    return dx >= OPENING_AREA.left && dx <= OPENING_AREA.right && dy >= -OPENING_AREA.up && dy <= OPENING_AREA.down;
  };
  const seen = new Set([start.id]);
  const opening = [start.id];
  const queue = [start.id];
  while (queue.length > 0 && opening.length < OPENING_STEPS) {
    for (const target of next.get(queue.shift() as string) ?? []) {
      if (opening.length >= OPENING_STEPS) break;
      if (seen.has(target)) continue;
      seen.add(target);
      if (!near(target)) continue;
      opening.push(target);
      queue.push(target);
    }
  }
  return opening;
}
