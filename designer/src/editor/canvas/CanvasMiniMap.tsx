import { Panel, useReactFlow, useStoreApi, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { memo, useEffect, useRef, type PointerEvent, type WheelEvent } from 'react';
import type { CanvasNode, NodeHighlight } from '../state/canvas-mapping';
import type { FlowRect } from './edge-culling';
import { paintOnViewChanges } from './paint-schedule';
import { boundsOf, projectOnto, sameProjection, toFlowPoint, type MinimapProjection } from './minimap-geometry';

const WIDTH = 200;
const HEIGHT = 150;
const NODE_FILL = '#e2e2e2';
const SELECTED_FILL = '#94a3b8';
/** While nodes move (a drag), repaint them at most this often; the view's frame still follows every frame. */
const NODES_REPAINT_MS = 100;
/** The same colours as the highlight tags on the nodes (editor.css). */
export const HIGHLIGHT_FILL: Record<NodeHighlight, string> = { added: '#16a34a', removed: '#dc2626', changed: '#d97706', active: '#2563eb', visited: '#60a5fa' };

export function nodeRect(node: InternalNode<CanvasNode>): FlowRect {
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width ?? node.initialWidth ?? 0, height: node.measured.height ?? node.initialHeight ?? 0 };
}

function viewRect(s: Pick<ReactFlowState, 'transform' | 'width' | 'height'>): FlowRect {
  const [tx, ty, zoom] = s.transform;
  return { x: -tx / zoom, y: -ty / zoom, width: s.width / zoom, height: s.height / zoom };
}

export function fillOf(node: InternalNode<CanvasNode>): string {
  const highlight = node.data.highlight;
  if (highlight) return HIGHLIGHT_FILL[highlight];
  return node.selected ? SELECTED_FILL : NODE_FILL;
}

/** Paints every node as a rectangle, one path per colour. */
function paintNodes(canvas: HTMLCanvasElement, nodes: Iterable<InternalNode<CanvasNode>>, projection: MinimapProjection) {
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== WIDTH * ratio) {
    canvas.width = WIDTH * ratio;
    canvas.height = HEIGHT * ratio;
  }
  const context = canvas.getContext('2d');
  if (!context) return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, WIDTH, HEIGHT);
  const byFill = new Map<string, FlowRect[]>();
  for (const node of nodes) {
    const fill = fillOf(node);
    const list = byFill.get(fill) ?? [];
    list.push(nodeRect(node));
    byFill.set(fill, list);
  }
  const { originX, originY, scale } = projection;
  // Highlighted nodes last, on top.
  for (const [fill, rects] of [...byFill].sort(([a], [b]) => Number(b === NODE_FILL) - Number(a === NODE_FILL))) {
    context.beginPath();
    for (const r of rects) context.rect((r.x - originX) * scale, (r.y - originY) * scale, Math.max(1, r.width * scale), Math.max(1, r.height * scale));
    context.fillStyle = fill;
    context.fill();
  }
}

/**
 * The minimap, drawn on a canvas: all nodes of the flow as rectangles (highlights in their colours) and the view.
 * React Flow's own minimap keeps one SVG element and store subscription per node and redraws on every pointer
 * move; this one repaints the nodes at most once a frame and only when they moved or the scale changed, and moves
 * the view's frame on its own. Drag on it to pan, wheel to zoom.
 */
export const CanvasMiniMap = memo(function CanvasMiniMap({ label }: { label: string }) {
  const store = useStoreApi<CanvasNode>();
  const flow = useReactFlow();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const maskRef = useRef<SVGPathElement>(null);
  const projectionRef = useRef<MinimapProjection | null>(null);
  const dragProjection = useRef<MinimapProjection | null>(null);

  useEffect(() => {
    let later: ReturnType<typeof setTimeout> | undefined;
    let paintedAt = -Infinity;
    let paintedNodes: unknown = null;
    let painted: MinimapProjection | null = null;
    let nodesBounds: FlowRect | null = null;
    const draw = () => {
      const s = store.getState();
      if (!canvasRef.current || !maskRef.current || !s.width) return;
      if (s.nodes !== paintedNodes && later === undefined) nodesBounds = boundsOf([...s.nodeLookup.values()].map(nodeRect));
      const view = viewRect(s);
      const projection = projectOnto(boundsOf(nodesBounds ? [nodesBounds, view] : [view])!, WIDTH, HEIGHT);
      projectionRef.current = projection;
      const moved = s.nodes !== paintedNodes;
      const rescaled = !sameProjection(painted, projection);
      const wait = NODES_REPAINT_MS - (performance.now() - paintedAt);
      if (moved && !rescaled && wait > 0) {
        later ??= setTimeout(() => {
          later = undefined;
          schedule();
        }, wait);
      } else if (moved || rescaled) {
        paintNodes(canvasRef.current, s.nodeLookup.values(), projection);
        paintedNodes = s.nodes;
        painted = projection;
        paintedAt = performance.now();
      }
      const { originX, originY, scale } = projection;
      const [x, y, w, h] = [(view.x - originX) * scale, (view.y - originY) * scale, view.width * scale, view.height * scale];
      maskRef.current.setAttribute('d', `M0,0h${WIDTH}v${HEIGHT}h${-WIDTH}z M${x},${y}h${w}v${h}h${-w}z`);
    };
    const { schedule, stop } = paintOnViewChanges(store, draw);
    return () => {
      stop();
      clearTimeout(later);
    };
  }, [store]);

  const centreOn = (event: PointerEvent<HTMLDivElement>) => {
    const projection = dragProjection.current;
    if (!projection) return;
    const box = event.currentTarget.getBoundingClientRect();
    const point = toFlowPoint(projection, event.clientX - box.left, event.clientY - box.top);
    void flow.setCenter(point.x, point.y, { zoom: flow.getZoom() });
  };

  return (
    <Panel position="bottom-right" className="react-flow__minimap sb-minimap nopan nodrag nowheel" role="region" aria-label={label} data-testid="minimap">
      <div
        className="sb-minimap__surface"
        style={{ width: WIDTH, height: HEIGHT }}
        onPointerDown={(event) => {
          // The scale stays as it was when the drag began, so the view follows the pointer steadily.
          dragProjection.current = projectionRef.current;
          event.currentTarget.setPointerCapture(event.pointerId);
          centreOn(event);
        }}
        onPointerMove={(event) => {
          if (dragProjection.current && event.buttons & 1) centreOn(event);
        }}
        onPointerUp={() => (dragProjection.current = null)}
        onWheel={(event: WheelEvent) => void flow.zoomTo(flow.getZoom() * 2 ** (-event.deltaY / 500))}
      >
        <canvas ref={canvasRef} style={{ width: WIDTH, height: HEIGHT }} />
        <svg width={WIDTH} height={HEIGHT} className="sb-minimap__view" aria-hidden="true">
          <path ref={maskRef} fillRule="evenodd" />
        </svg>
      </div>
    </Panel>
  );
});
