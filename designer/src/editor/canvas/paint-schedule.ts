import type { ReactFlowState } from '@xyflow/react';
import type { CanvasNode } from '../state/canvas-mapping';

/** The part of React Flow's store a canvas-painted layer (minimap, overview) subscribes to. */
interface ViewStore {
  subscribe(listener: (state: ReactFlowState<CanvasNode>, previous: ReactFlowState<CanvasNode>) => void): () => void;
}

/**
 * Paints `draw` in the next animation frame now and whenever the nodes, the viewport or the canvas size change —
 * at most once a frame, however many store updates a gesture makes. Returns what stops it.
 */
export function paintOnViewChanges(store: ViewStore, draw: () => void): { schedule: () => void; stop: () => void } {
  let frame = 0;
  const paint = () => {
    frame = 0;
    draw();
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(paint);
  };
  schedule();
  const unsubscribe = store.subscribe((s, previous) => {
    if (s.nodes !== previous.nodes || s.transform !== previous.transform || s.width !== previous.width || s.height !== previous.height) schedule();
  });
  return {
    schedule,
    stop: () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    },
  };
}
