import { useReactFlow, useStoreApi } from '@xyflow/react';
import { createContext, useCallback, useRef, useState, type KeyboardEvent, type MutableRefObject, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { assertNever, type FlowDocument } from '@switchboard/flows';
import { canvasStepName } from './canvas-aria';
import { DEFAULT_NODE_SIZE } from '../state/auto-layout';
import type { Selection } from '../state/useCanvasState';
import { ConnectDialog } from './ConnectDialog';
import { canvasKeyFor, connectByKeyboard, disconnectOutlet, nearestInDirection, nudgeMergeKey, nudgeNodes, type NodeBox } from './keyboard-commands';

/** Opens the connect dialog for a step (the inspector's "Connect…" button); null where it cannot be used. */
export const ConnectStepContext = createContext<((nodeId: string) => void) | null>(null);

interface CanvasKeyboardOptions {
  canvasWrapper: RefObject<HTMLDivElement | null>;
  documentRef: MutableRefObject<FlowDocument>;
  selectionRef: MutableRefObject<Selection>;
  readOnly: boolean;
  commit(document: FlowDocument, mergeKey?: string): void;
  selectNodes(ids: Iterable<string>): void;
}

const FRAMES_TO_WAIT = 30;

/** Runs `attempt` on the next animation frames until it succeeds (the element it needs has rendered). */
function whenRendered(attempt: () => boolean, frames = FRAMES_TO_WAIT): void {
  if (attempt() || frames <= 0) return;
  requestAnimationFrame(() => whenRendered(attempt, frames - 1));
}

function nodeElement(root: HTMLElement | null | undefined, nodeId: string): HTMLElement | null {
  return root?.querySelector<HTMLElement>(`.react-flow__node[data-id="${nodeId.replace(/["\\]/g, '\\$&')}"]`) ?? null;
}

/**
 * The canvas operated from the keyboard, hooked into the editor with `onKeyDownCapture`: on a focused step the
 * arrow keys move it when selected (one undo step per burst) or go to the nearest step, Enter opens it in the
 * inspector, C opens the connect dialog (also Enter on a focused outlet); Escape in the inspector goes back to the
 * step. The capture phase keeps React Flow's own arrow handling, which moves nodes only on the canvas and never in
 * the document, from running.
 */
export function useCanvasKeyboard({ canvasWrapper, documentRef, selectionRef, readOnly, commit, selectNodes }: CanvasKeyboardOptions) {
  const { t } = useTranslation();
  const flow = useReactFlow();
  const store = useStoreApi();
  const [connecting, setConnecting] = useState<{ nodeId: string; outlet?: string | undefined; returnTo: HTMLElement | null } | null>(null);
  const connectingRef = useRef(connecting);
  connectingRef.current = connecting;

  const announce = useCallback((message: string) => store.setState({ ariaLiveMessage: message }), [store]);

  /** Focus a step's box on the canvas, bringing it into view first when a large flow has not drawn it. */
  const focusNode = useCallback(
    (nodeId: string) => {
      const root = canvasWrapper.current;
      if (!nodeElement(root, nodeId)) {
        const node = flow.getInternalNode(nodeId);
        if (node) void flow.setCenter(node.internals.positionAbsolute.x + DEFAULT_NODE_SIZE.width / 2, node.internals.positionAbsolute.y + DEFAULT_NODE_SIZE.height / 2, { zoom: flow.getZoom() });
      }
      whenRendered(() => {
        const element = nodeElement(canvasWrapper.current, nodeId);
        element?.focus();
        return element !== null;
      });
    },
    [canvasWrapper, flow],
  );

  const openInInspector = useCallback(
    (nodeId: string) => {
      selectNodes([nodeId]);
      whenRendered(() => {
        const side = canvasWrapper.current?.closest('.sb-editor')?.querySelector('.sb-editor__side');
        const inspector = [...(side?.querySelectorAll<HTMLElement>('.sb-inspector') ?? [])].find((s) => s.querySelector('.sb-inspector__id code')?.textContent === nodeId);
        const field = inspector?.querySelector<HTMLElement>('input, select, textarea, button');
        field?.focus();
        return field != null;
      });
    },
    [canvasWrapper, selectNodes],
  );

  const openConnect = useCallback(
    (nodeId: string, outlet?: string) => {
      if (readOnly) return;
      const active = globalThis.document?.activeElement;
      setConnecting({ nodeId, outlet, returnTo: active instanceof HTMLElement ? active : null });
    },
    [readOnly],
  );

  const closeConnect = useCallback(() => {
    const open = connectingRef.current;
    setConnecting(null);
    if (!open) return;
    if (open.returnTo?.isConnected) open.returnTo.focus();
    else focusNode(open.nodeId);
  }, [focusNode]);

  const nodeBoxes = useCallback((): NodeBox[] => {
    const boxes: NodeBox[] = [];
    for (const [id, node] of store.getState().nodeLookup) {
      const { x, y } = node.internals.positionAbsolute;
      boxes.push({ id, x, y, width: node.measured.width ?? node.width ?? DEFAULT_NODE_SIZE.width, height: node.measured.height ?? node.height ?? DEFAULT_NODE_SIZE.height });
    }
    return boxes;
  }, [store]);

  const onKeyDownCapture = useCallback(
    (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement || event.target instanceof SVGElement ? event.target : null;
      if (!target) return;
      if (event.key === 'Escape' && !event.altKey && !event.ctrlKey && !event.metaKey) {
        // From the inspector back to the step it shows, unless a list, menu or dialog inside takes Escape itself.
        const inInspector = target.closest('.sb-editor__side') && !target.closest('[role="dialog"], [role="listbox"], [role="menu"], .monaco-editor, select');
        const [only] = selectionRef.current.nodeIds;
        if (inInspector && only && selectionRef.current.nodeIds.length === 1) {
          event.preventDefault();
          focusNode(only);
        }
        return;
      }
      const handle = target.closest<HTMLElement>('.react-flow__handle.source');
      if (handle && (event.key === 'Enter' || event.key === ' ' || event.key === 'c' || event.key === 'C')) {
        const nodeId = handle.dataset.nodeid;
        if (nodeId && !readOnly) {
          event.preventDefault();
          event.stopPropagation();
          openConnect(nodeId, handle.dataset.handleid);
        }
        return;
      }
      const nodeBox = target.closest<HTMLElement>('.react-flow__node');
      const multiSelection = target.closest('.react-flow__nodesselection-rect');
      if (!nodeBox && !multiSelection) return;
      if ((event.key === 'Delete' || event.key === 'Backspace') && !readOnly) {
        // The step goes with the focus: keep the keyboard on the canvas so the next shortcut still works.
        requestAnimationFrame(() => {
          if (!target.isConnected) canvasWrapper.current?.focus();
        });
        return;
      }
      const nodeId = nodeBox?.dataset.id;
      const selected = selectionRef.current.nodeIds;
      const command = canvasKeyFor(event, multiSelection !== null || (nodeId !== undefined && selected.includes(nodeId)));
      if (!command) return;
      event.preventDefault();
      event.stopPropagation();
      switch (command.kind) {
        case 'move': {
          if (readOnly || selected.length === 0) return;
          const moved = nudgeNodes(documentRef.current, selected, command.direction, command.far);
          commit(moved, nudgeMergeKey(selected));
          const lead = moved.nodes.find((n) => n.id === (nodeId ?? selected[0]));
          if (lead) announce(t('keyboardCanvas.moved', { count: selected.length, step: canvasStepName(t, lead), x: lead.position.x, y: lead.position.y }));
          return;
        }
        case 'focusNearest': {
          if (!nodeId) return;
          const next = nearestInDirection(nodeBoxes(), nodeId, command.direction);
          if (next) focusNode(next);
          else announce(t('keyboardCanvas.nothingThatWay'));
          return;
        }
        case 'open':
          if (nodeId) openInInspector(nodeId);
          return;
        case 'connect':
          if (nodeId) openConnect(nodeId);
          else if (selected.length === 1 && selected[0]) openConnect(selected[0]);
          return;
        default:
          return assertNever(command, 'canvas key command');
      }
    },
    [announce, canvasWrapper, commit, documentRef, focusNode, nodeBoxes, openConnect, openInInspector, readOnly, selectionRef, t],
  );

  const dialog = connecting && (
    <ConnectDialog
      document={documentRef.current}
      nodeId={connecting.nodeId}
      outlet={connecting.outlet}
      onClose={closeConnect}
      onConnect={(outlet, target) => {
        commit(connectByKeyboard(documentRef.current, connecting.nodeId, outlet, target));
        announce(t('keyboardCanvas.connected'));
        closeConnect();
      }}
      onDisconnect={(outlet) => {
        commit(disconnectOutlet(documentRef.current, connecting.nodeId, outlet));
        announce(t('keyboardCanvas.disconnected'));
        closeConnect();
      }}
    />
  );

  return { onKeyDownCapture, focusNode, openConnect, dialog };
}
