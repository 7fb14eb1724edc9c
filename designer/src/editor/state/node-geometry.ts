import { Position, type NodeHandle } from '@xyflow/react';
import type { FlowNode } from '@switchboard/flows';
import { TARGET_HANDLE } from './canvas-mapping';
import { outletsOf } from './document-edits';

/** A node's size and handles before the browser has measured it. */
export interface EstimatedGeometry {
  width: number;
  height: number;
  handles: NodeHandle[];
}

/** Measured from the canvas styles (`editor.css`): a node's header, summary, outlet rows and handles. */
export const NODE_METRICS = { width: 240, header: 30, body: 40, outletsPadding: 11, outletRow: 20, outletsBottom: 6, handle: 10 } as const;

/**
 * Where a node's inlet and outlets will be once it is drawn, close enough to draw its edges before it ever was:
 * on a large canvas only nodes in view are rendered, and without this React Flow can neither draw an edge to a
 * node off screen (the shared end node of every department) nor skip rendering every node once to measure it.
 * The browser's measurements replace these as soon as the node is drawn.
 */
export function estimateNodeGeometry(node: FlowNode): EstimatedGeometry {
  const m = NODE_METRICS;
  const outlets = outletsOf(node);
  const outletsHeight = outlets.length > 0 ? m.outletsPadding + outlets.length * m.outletRow : 0;
  const height = m.header + m.body + outletsHeight;
  const half = m.handle / 2;
  const handles: NodeHandle[] = outlets.map((outlet, index) => ({
    id: outlet.name,
    type: 'source',
    position: Position.Right,
    x: m.width - half,
    y: height - m.outletsBottom - (outlets.length - index) * m.outletRow + m.outletRow / 2 - half,
    width: m.handle,
    height: m.handle,
  }));
  if (node.type !== 'start') handles.push({ id: TARGET_HANDLE, type: 'target', position: Position.Left, x: -half, y: height / 2 - half, width: m.handle, height: m.handle });
  return { width: m.width, height, handles };
}
