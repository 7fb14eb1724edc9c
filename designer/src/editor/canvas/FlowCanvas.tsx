import { Background, Controls, getViewportForBounds, ReactFlow, useReactFlow, useStore, useStoreApi, type Connection, type Edge, type IsValidConnection, type OnConnectEnd, type OnNodeDrag } from '@xyflow/react';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type RefObject } from 'react';
import type { FlowDocument, NodeType } from '@switchboard/flows';
import { toOutletConnection, type CanvasNode } from '../state/canvas-mapping';
import { canConnect, connectOutlet, moveNodes, type Position } from '../state/document-edits';
import type { CanvasState } from '../state/useCanvasState';
import { edgeFigures, type CanvasAnalytics } from './canvas-analytics';
import { CanvasMiniMap } from './CanvasMiniMap';
import { CanvasOverview, OVERVIEW_ZOOM } from './CanvasOverview';
import { useCanvasText } from './canvas-text';
import { PassingEdges } from './PassingEdges';
import { useCulledEdges } from './useCulledEdges';
import { nodeTypes } from './node-types';
import { PALETTE_DRAG_TYPE } from '../palette/palette-drag';
import { FIT_VIEW_PADDING, initialViewNodeIds } from './initial-view';
import { boundsOf } from './minimap-geometry';
import { estimateNodeGeometry } from '../state/node-geometry';
import { edgeAriaLabel, edgeLabeller, labeller, nodeAriaLabel, nodesById, reactFlowAriaLabels } from '../keyboard/canvas-aria';
import { sameItemsOr } from './edge-culling';

/**
 * Below this zoom a large flow's nodes show their title and outline only (the rest keeps its place, hidden): text
 * nobody can read at that size is what painting hundreds of nodes per frame of a zoom spends its time on.
 */
const FAR_ZOOM = 0.35;

interface FlowCanvasProps {
  document: FlowDocument;
  canvas: CanvasState;
  readOnly: boolean;
  wrapperRef: RefObject<HTMLDivElement | null>;
  onCommit(document: FlowDocument): void;
  onDropNode(type: NodeType, position: Position): void;
  /** Analytics mode: edges labelled with their callers, drawn wider the more callers took them. */
  analytics?: CanvasAnalytics | undefined;
  /** A connection dragged from an outlet was let go (on a step or not): the next-step picker. */
  onConnectEnd?: OnConnectEnd | undefined;
}

/** The React Flow canvas: drag to move and connect, drop palette items, select; edits go to the document. */
export function FlowCanvas({ document, canvas, readOnly, wrapperRef, onCommit, onDropNode, analytics, onConnectEnd }: FlowCanvasProps) {
  const { screenToFlowPosition, setViewport } = useReactFlow();
  const t = useCanvasText();
  const store = useStoreApi();
  // Decided once, when the editor opens; "Fit to screen" shows everything later.
  const [opening] = useState(() => initialViewNodeIds(document));
  const large = opening !== null;
  const fitViewOptions = useMemo(() => ({ maxZoom: 1.25, padding: FIT_VIEW_PADDING }), []);
  // A large flow opens on its first steps, placed from their estimated sizes as soon as the canvas has a size:
  // React Flow's own fit waits for nodes to be measured, and only nodes in view are ever drawn.
  const sized = useStore((s) => s.width > 0 && s.height > 0);
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  const overview = useStore((s) => s.transform[2] < OVERVIEW_ZOOM) && large;
  const opened = useRef(false);
  useLayoutEffect(() => {
    if (!opening || !sized || opened.current) return;
    opened.current = true;
    const ids = new Set(opening);
    const boxes = document.nodes.filter((n) => ids.has(n.id)).map((n) => ({ ...n.position, ...estimateNodeGeometry(n) }));
    const bounds = boundsOf(boxes);
    const { width, height, minZoom } = store.getState();
    if (bounds) void setViewport(getViewportForBounds(bounds, width, height, minZoom, 1, FIT_VIEW_PADDING));
  }, [document.nodes, opening, setViewport, sized, store]);

  const edges = useMemo(() => {
    if (!analytics) return canvas.edges;
    const figures = edgeFigures(document, analytics);
    return canvas.edges.map((edge) => {
      const figure = figures.get(edge.id) ?? { calls: 0, width: 1 };
      return { ...edge, label: String(figure.calls), style: { strokeWidth: figure.width }, className: 'sb-edge--analytics', data: { calls: figure.calls } };
    });
  }, [analytics, canvas.edges, document]);
  const culled = useCulledEdges(document, edges, canvas.selection.nodeIds, { enabled: large, linesForPassing: !analytics });
  // Screen readers name steps and connections by their canvas names (keyboard/canvas-aria.ts).
  const ariaLabelConfig = useMemo(() => reactFlowAriaLabels(t), [t]);
  const labelNode = useMemo(() => labeller<CanvasNode>(), [t]);
  const labelEdge = useMemo(() => edgeLabeller<Edge>((edge, byId) => edgeAriaLabel(t, edge, byId)), [t]);
  const labelledNodes = useMemo(() => canvas.nodes.map((n) => labelNode(n, (node) => nodeAriaLabel(t, node.data.node, node.data.issues))), [canvas.nodes, labelNode, t]);
  // The overview paints every node itself; React Flow's stay hidden (not mounted) until the view zooms in again.
  const hideNode = useMemo(() => hidingCache(), []);
  const shownNodes = useMemo(() => (overview ? labelledNodes.map(hideNode) : labelledNodes), [hideNode, labelledNodes, overview]);
  const byId = useMemo(() => nodesById(document), [document.nodes]);
  // The same array while no edge changed: each new one makes React Flow rebuild its connection lookup of all edges.
  const previousEdges = useRef<Edge[]>([]);
  const labelledEdges = useMemo(
    () => (previousEdges.current = sameItemsOr(previousEdges.current, culled.edges.map((e) => labelEdge(e, byId))) as Edge[]),
    [culled.edges, byId, labelEdge],
  );

  // Handlers read the document through a ref: each new handler is one more React Flow store update (and a run
  // of every mounted node's and edge's selectors) after every edit.
  const documentRef = useRef(document);
  documentRef.current = document;

  const onConnect = useCallback(
    (connection: Connection) => {
      const outlet = toOutletConnection(connection);
      if (outlet && canConnect(documentRef.current, outlet)) onCommit(connectOutlet(documentRef.current, outlet));
    },
    [onCommit],
  );

  const onReconnect = useCallback(
    (oldEdge: Edge, connection: Connection) => {
      const outlet = toOutletConnection(connection);
      if (outlet && canConnect(documentRef.current, outlet)) onCommit(connectOutlet(documentRef.current, outlet, oldEdge.id));
    },
    [onCommit],
  );

  const isValidConnection = useCallback<IsValidConnection>(
    (connection) => canConnect(documentRef.current, { source: connection.source, sourceOutlet: connection.sourceHandle ?? undefined, target: connection.target }),
    [],
  );

  const onNodeDragStop = useCallback<OnNodeDrag<CanvasNode>>(
    (_event, _node, dragged) => onCommit(moveNodes(documentRef.current, new Map(dragged.map((n) => [n.id, n.position])))),
    [onCommit],
  );

  // While the view moves, the viewport layer keeps its raster and the compositor scales it (a zoom step otherwise
  // repaints every node and edge at the new scale); once it rests it is painted sharp again. Set on the element
  // itself: a React state change here would re-render the canvas per gesture.
  const onMoveStart = useCallback(() => wrapperRef.current?.classList.add('sb-canvas--moving'), [wrapperRef]);
  const onMoveEnd = useCallback(() => wrapperRef.current?.classList.remove('sb-canvas--moving'), [wrapperRef]);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!type || readOnly) return;
      event.preventDefault();
      onDropNode(type as NodeType, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [onDropNode, readOnly, screenToFlowPosition],
  );

  return (
    // Focusable, so a click on the empty canvas keeps keyboard shortcuts (paste, undo) inside the editor.
    <div className={['sb-canvas', large && 'sb-canvas--large', large && far && 'sb-canvas--far'].filter(Boolean).join(' ')} ref={wrapperRef} tabIndex={-1} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<CanvasNode>
        nodes={shownNodes}
        edges={labelledEdges}
        ariaLabelConfig={ariaLabelConfig}
        nodeTypes={nodeTypes}
        onNodesChange={canvas.onNodesChange}
        onEdgesChange={canvas.onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onReconnect={onReconnect}
        isValidConnection={isValidConnection}
        onNodeDragStop={onNodeDragStop}
        onMoveStart={large ? onMoveStart : undefined}
        onMoveEnd={large ? onMoveEnd : undefined}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        edgesReconnectable={!readOnly}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        onlyRenderVisibleElements={large}
        minZoom={0.05}
        fitView={!large}
        fitViewOptions={fitViewOptions}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        {overview ? <CanvasOverview edges={edges} /> : <PassingEdges edges={culled.passing} />}
        <CanvasMiniMap label={t('canvas.minimap')} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

/** The same hidden copy of a canvas node while the node is the same object: the overview switch costs one pass. */
function hidingCache(): (node: CanvasNode) => CanvasNode {
  const cache = new WeakMap<CanvasNode, CanvasNode>();
  return (node) => {
    let hidden = cache.get(node);
    if (!hidden) cache.set(node, (hidden = { ...node, hidden: true }));
    return hidden;
  };
}
