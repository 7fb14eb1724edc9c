import { getBezierPath, Position, useStoreApi, ViewportPortal, type InternalNode, type NodeHandle } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { CanvasEdge } from '../state/canvas-mapping';

type HandleBox = Pick<NodeHandle, 'id' | 'x' | 'y' | 'width' | 'height' | 'position'>;

/** Where an edge leaves or enters a node: its measured handle, or the estimated one of a node never drawn. */
export function handlePoint(node: InternalNode, type: 'source' | 'target', id: string | null | undefined): { x: number; y: number; position: Position } | null {
  const measured: readonly HandleBox[] | undefined = node.internals.handleBounds?.[type] ?? undefined;
  const handles = measured ?? node.handles?.filter((h) => h.type === type) ?? [];
  const handle = handles.find((h) => h.id === id) ?? handles[0];
  if (!handle) return null;
  const { x, y } = node.internals.positionAbsolute;
  const width = handle.width ?? 1;
  const height = handle.height ?? 1;
  const right = handle.position === Position.Right;
  return { x: x + handle.x + (right ? width : 0), y: y + handle.y + height / 2, position: handle.position };
}

/**
 * Edges crossing the view whose ends are both far off screen (see `useCulledEdges`): one SVG path under the
 * nodes, shaped like React Flow's own edges, in flow coordinates inside the viewport so panning moves it for free.
 * Not interactive: an edge is picked at one of its ends.
 */
export const PassingEdges = memo(function PassingEdges({ edges }: { edges: readonly CanvasEdge[] }) {
  const store = useStoreApi();
  const path = useMemo(() => {
    const { nodeLookup } = store.getState();
    const parts: string[] = [];
    for (const edge of edges) {
      const sourceNode = nodeLookup.get(edge.source);
      const targetNode = nodeLookup.get(edge.target);
      const source = sourceNode && handlePoint(sourceNode, 'source', edge.sourceHandle);
      const target = targetNode && handlePoint(targetNode, 'target', edge.targetHandle);
      if (!source || !target) continue;
      const [d] = getBezierPath({ sourceX: source.x, sourceY: source.y, sourcePosition: source.position, targetX: target.x, targetY: target.y, targetPosition: target.position });
      parts.push(d);
    }
    return parts.join(' ');
  }, [edges, store]);
  if (!path) return null;
  return (
    <ViewportPortal>
      <svg className="sb-passing-edges" data-testid="passing-edges" data-count={edges.length} aria-hidden="true">
        <path d={path} />
      </svg>
    </ViewportPortal>
  );
});
