import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { useCallback, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { FlowDocument } from '@switchboard/flows';
import { forgetEstimatesOnceMeasured, syncCanvasEdges, syncCanvasNodes, type CanvasEdge, type CanvasNode, type NodeDecorations } from './canvas-mapping';

export interface Selection {
  nodeIds: string[];
  edgeIds: string[];
}

export interface CanvasState {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  selection: Selection;
  onNodesChange(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void;
  /** Select exactly these nodes (and no edges). Ids not on the canvas yet are selected once they appear. */
  selectNodes(ids: Iterable<string>): void;
}

const emptySelection: Selection = { nodeIds: [], edgeIds: [] };

function selectionOf(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Selection {
  const nodeIds = nodes.filter((n) => n.selected).map((n) => n.id);
  const edgeIds = edges.filter((e) => e.selected).map((e) => e.id);
  return nodeIds.length === 0 && edgeIds.length === 0 ? emptySelection : { nodeIds, edgeIds };
}

function withSelection<T extends { id: string; selected?: boolean }>(items: readonly T[], ids: ReadonlySet<string>): T[] {
  return items.map((item) => (Boolean(item.selected) === ids.has(item.id) ? item : { ...item, selected: ids.has(item.id) }));
}

/**
 * React Flow's view of the document: nodes and edges kept in sync with the document, plus what only the
 * canvas knows (measured sizes, selection, positions while dragging). Positions reach the document when a
 * drag ends (see the canvas), so a drag is one undo step.
 */
export function useCanvasState(document: FlowDocument, decorations: NodeDecorations): CanvasState {
  const [nodes, setNodes] = useState<CanvasNode[]>(() => syncCanvasNodes(document, [], decorations));
  const [edges, setEdges] = useState<CanvasEdge[]>(() => syncCanvasEdges(document, []));
  const pendingSelection = useRef<Set<string> | null>(null);
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;
  // Bumped whenever the selection may have changed: a pointer move of a drag must not scan every node for it.
  const [selectionVersion, selectionMayHaveChanged] = useReducer((version: number) => version + 1, 0);

  useLayoutEffect(() => {
    selectionMayHaveChanged();
    setNodes((previous) => {
      const synced = syncCanvasNodes(document, previous, decorations);
      const pending = pendingSelection.current;
      if (!pending) return synced;
      pendingSelection.current = null;
      return withSelection(synced, pending);
    });
  }, [document, decorations]);

  useLayoutEffect(() => {
    setEdges((previous) => syncCanvasEdges(document, previous));
  }, [document]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    // Removal goes through the document (one undo step for nodes and their edges), never straight to the canvas.
    const kept = changes.filter((c) => c.type !== 'remove');
    if (kept.length === 0) return;
    if (kept.some((c) => c.type === 'select' || c.type === 'add' || c.type === 'replace')) selectionMayHaveChanged();
    const measured = new Set(kept.flatMap((c) => (c.type === 'dimensions' ? [c.id] : [])));
    setNodes((previous) => forgetEstimatesOnceMeasured(applyNodeChanges(kept, previous), measured));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => {
    const kept = changes.filter((c) => c.type !== 'remove');
    if (kept.length === 0) return;
    if (kept.some((c) => c.type === 'select' || c.type === 'add' || c.type === 'replace')) selectionMayHaveChanged();
    setEdges((previous) => applyEdgeChanges(kept, previous));
  }, []);

  const selectNodes = useCallback((ids: Iterable<string>) => {
    const wanted = new Set(ids);
    const onCanvas = new Set(nodesRef.current.map((n) => n.id));
    // Nodes just added to the document appear on the canvas after the next sync: select them then.
    pendingSelection.current = [...wanted].some((id) => !onCanvas.has(id)) ? wanted : null;
    selectionMayHaveChanged();
    setNodes((previous) => withSelection(previous, wanted));
    setEdges((previous) => withSelection(previous, new Set()));
  }, []);

  // eslint-disable-next-line react-hooks/exhaustive-deps -- the version stands for the selected flags of nodes and edges
  const selected = useMemo(() => selectionOf(nodes, edges), [selectionVersion]);
  return { nodes, edges, selection: useStableSelection(selected), onNodesChange, onEdgesChange, selectNodes };
}

/** The same object while the selected ids stay the same, so effects that depend on the selection do not re-run. */
function useStableSelection(selection: Selection): Selection {
  const ref = useRef(selection);
  const previous = ref.current;
  const same =
    previous.nodeIds.length === selection.nodeIds.length &&
    previous.edgeIds.length === selection.edgeIds.length &&
    previous.nodeIds.every((id, i) => id === selection.nodeIds[i]) &&
    previous.edgeIds.every((id, i) => id === selection.edgeIds[i]);
  if (!same) ref.current = selection;
  return ref.current;
}
