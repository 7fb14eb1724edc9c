import { useStoreApi, type ReactFlowState } from '@xyflow/react';
import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import type { FlowDocument, FlowNode } from '@switchboard/flows';
import type { CanvasEdge } from '../state/canvas-mapping';
import { estimateNodeGeometry } from '../state/node-geometry';
import { cullEdges, sameItemsOr, viewRegion, type FlowRect } from './edge-culling';

const regionKey = (s: ReactFlowState) => viewRegion(s.transform, s.width, s.height)?.key ?? null;

/** Room around each node's estimated box: real nodes grow with long labels and prompts. */
const BOX_SLACK = 80;

const boxOfNode = new WeakMap<FlowNode, FlowRect>();

function boxOf(node: FlowNode): FlowRect {
  let box = boxOfNode.get(node);
  if (!box) {
    const { width, height } = estimateNodeGeometry(node);
    box = { x: node.position.x - BOX_SLACK, y: node.position.y - BOX_SLACK, width: width + 2 * BOX_SLACK, height: height + 2 * BOX_SLACK };
    boxOfNode.set(node, box);
  }
  return box;
}

const sameBox = (a: FlowRect | undefined, b: FlowRect) => a !== undefined && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** Every node's box; the previous map when no box changed (typing a label moves nothing). */
function nodeBoxes(document: FlowDocument, previous: ReadonlyMap<string, FlowRect> | null): ReadonlyMap<string, FlowRect> {
  const boxes = new Map(document.nodes.map((node) => [node.id, boxOf(node)]));
  if (previous && previous.size === boxes.size && [...boxes].every(([id, box]) => sameBox(previous.get(id), box))) return previous;
  return boxes;
}

/**
 * The view region's key, updated in a transition: a zoom step or a screen of panning re-culls the edges and mounts
 * the new ones in an interruptible render, so the wheel notches and pointer moves that follow are not held up by it
 * (a React Flow `useStore` subscription re-renders synchronously, inside the input event: 30–60 ms per zoom step
 * at 2,000 steps). The edges already handed over stay meanwhile; the new ones follow a frame or two later.
 */
function useDeferredRegionKey(): string | null {
  const store = useStoreApi();
  const [key, setKey] = useState(() => regionKey(store.getState()));
  const latest = useRef(key);
  useEffect(() => {
    const follow = (s: ReactFlowState) => {
      const next = regionKey(s);
      if (next === latest.current) return;
      latest.current = next;
      startTransition(() => setKey(next));
    };
    follow(store.getState());
    return store.subscribe(follow);
  }, [store]);
  return key;
}

export interface CulledCanvasEdges {
  /** What React Flow gets: edges with an end near the view, selected ones and those of selected nodes. */
  edges: CanvasEdge[];
  /** Edges crossing the view with both ends far off screen, for {@link PassingEdges}. */
  passing: readonly CanvasEdge[];
}

/**
 * Large flows: React Flow re-runs a few store selectors per mounted edge on every pointer move, and edges into a
 * shared end node cross every view, so handing it all edges makes a drag cost O(edges). It gets only the edges
 * anchored near the view (see `cullEdges`), recomputed when the view moves a screen further or zooms a step, or the
 * document or selection changes; the ones merely passing through are drawn as plain lines. With `linesForPassing`
 * off (analytics mode: passing edges carry labels and widths) they stay React Flow edges too.
 */
export function useCulledEdges(document: FlowDocument, edges: CanvasEdge[], selectedNodeIds: readonly string[], options: { enabled: boolean; linesForPassing: boolean }): CulledCanvasEdges {
  const { enabled, linesForPassing } = options;
  const store = useStoreApi();
  const key = useDeferredRegionKey();
  const previousBoxes = useRef<ReadonlyMap<string, FlowRect> | null>(null);
  const boxes = useMemo(() => (enabled ? (previousBoxes.current = nodeBoxes(document, previousBoxes.current)) : null), [document.nodes, enabled]);
  const previous = useRef<CanvasEdge[]>([]);
  return useMemo(() => {
    const { transform, width, height } = store.getState();
    const region = viewRegion(transform, width, height);
    if (!boxes || !region) return { edges, passing: [] };
    const selected = new Set(selectedNodeIds);
    const culled = cullEdges(edges, boxes, region.rect, (e) => Boolean(e.selected) || selected.has(e.source) || selected.has(e.target));
    const anchored = sameItemsOr(previous.current, linesForPassing ? culled.anchored : [...culled.anchored, ...culled.passing]) as CanvasEdge[];
    previous.current = anchored;
    return { edges: anchored, passing: linesForPassing ? culled.passing : [] };
    // `key` stands for the region read from the store.
  }, [boxes, edges, key, linesForPassing, selectedNodeIds, store]);
}
