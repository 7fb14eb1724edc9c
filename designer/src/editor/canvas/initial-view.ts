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
 * Which nodes the editor fits into view when it opens: all of a small flow; for a large one, Start and the
 * first steps after it (breadth-first), so the canvas opens readable instead of as 500 specks.
 */
export function initialViewNodeIds(document: FlowDocument): string[] | null {
  if (document.nodes.length <= FIT_ALL_UP_TO) return null;
  const start = document.nodes.find((n) => n.type === 'start') ?? document.nodes[0];
  if (!start) return null;
  const next = new Map<string, string[]>();
  for (const edge of document.edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const seen = new Set([start.id]);
  const queue = [start.id];
  while (queue.length > 0 && seen.size < OPENING_STEPS) {
    for (const target of next.get(queue.shift() as string) ?? []) {
      if (seen.size >= OPENING_STEPS) break;
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen];
}
