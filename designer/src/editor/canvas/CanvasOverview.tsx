import { useStoreApi } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import type { CanvasEdge, CanvasNode } from '../state/canvas-mapping';
import { fillOf, nodeRect } from './CanvasMiniMap';
import { handlePoint } from './PassingEdges';
import { paintOnViewChanges } from './paint-schedule';

/**
 * Below this zoom a large flow is drawn as an overview (see {@link CanvasOverview}): nodes are under 30 px wide, no
 * text on them can be read, and "Fit to screen" on 5,000 steps would otherwise mount every one of them at once.
 */
export const OVERVIEW_ZOOM = 0.12;

const EDGE_STROKE = '#b1b1b7';
const NODE_STROKE = '#64748b';

/**
 * A large flow far out: every node as a box in its colour (selection, simulator path, diff) and every edge as a
 * line, painted on one canvas over the pane, at most once a frame when the view, the nodes or the size change.
 * React Flow's nodes are hidden meanwhile (they mount again when zooming in); double-click or wheel to zoom in.
 */
export const CanvasOverview = memo(function CanvasOverview({ edges }: { edges: readonly CanvasEdge[] }) {
  const store = useStoreApi<CanvasNode>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const edgesRef = useRef(edges);
  edgesRef.current = edges;

  useEffect(() => {
    const draw = () => {
      const canvas = canvasRef.current;
      const { width, height, transform, nodeLookup } = store.getState();
      const context = canvas?.getContext('2d');
      if (!canvas || !context || !width) return;
      const ratio = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
      }
      const [tx, ty, zoom] = transform;
      context.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * tx, ratio * ty);
      context.clearRect(-tx / zoom, -ty / zoom, width / zoom, height / zoom);
      context.beginPath();
      for (const edge of edgesRef.current) {
        const source = nodeLookup.get(edge.source);
        const target = nodeLookup.get(edge.target);
        const from = source && handlePoint(source, 'source', edge.sourceHandle);
        const to = target && handlePoint(target, 'target', edge.targetHandle);
        if (!from || !to) continue;
        context.moveTo(from.x, from.y);
        context.lineTo(to.x, to.y);
      }
      context.lineWidth = 1 / zoom;
      context.strokeStyle = EDGE_STROKE;
      context.stroke();
      const byFill = new Map<string, Array<ReturnType<typeof nodeRect>>>();
      for (const node of nodeLookup.values()) {
        const fill = fillOf(node);
        const list = byFill.get(fill) ?? [];
        list.push(nodeRect(node));
        byFill.set(fill, list);
      }
      for (const [fill, rects] of byFill) {
        context.beginPath();
        for (const r of rects) context.rect(r.x, r.y, r.width, r.height);
        context.fillStyle = fill;
        context.fill();
        context.strokeStyle = NODE_STROKE;
        context.stroke();
      }
      canvas.dataset.nodes = String(nodeLookup.size);
      canvas.dataset.edges = String(edgesRef.current.length);
    };
    return paintOnViewChanges(store, draw).stop;
  }, [store, edges]);

  return <canvas ref={canvasRef} className="sb-canvas-overview" data-testid="canvas-overview" aria-hidden="true" />;
});
