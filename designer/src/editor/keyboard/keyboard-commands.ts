import type { FlowDocument, FlowEdge, FlowNode, OutletSpec } from '@switchboard/flows';
import { canConnect, connectOutlet, moveNodes, outletsOf, removeElements, type Position } from '../state/document-edits';
import type { KeyInfo } from '../canvas/shortcuts';

/** A direction on the canvas, as the arrow keys give it. */
export type Direction = 'up' | 'down' | 'left' | 'right';

/** Pixels one arrow key press moves the selected steps; with Shift, {@link FAR_NUDGE}. */
export const NUDGE = 10;
export const FAR_NUDGE = 50;

/** What a key press on a focused step (or its outlet) asks of the canvas. */
export type CanvasKeyCommand =
  | { kind: 'move'; direction: Direction; far: boolean }
  | { kind: 'focusNearest'; direction: Direction }
  | { kind: 'open' }
  | { kind: 'connect' };


const DIRECTIONS: Readonly<Record<string, Direction>> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/**
 * The command for a key pressed on a focused step. Arrow keys move the step when it is selected (Shift: farther)
 * and otherwise go to the nearest step that way, as Alt + arrow always does; Enter opens the step in the
 * inspector; C connects one of its outlets. Null for anything else (Space, Escape and Tab stay React Flow's and
 * the browser's).
 */
export function canvasKeyFor(event: KeyInfo, focusedIsSelected: boolean): CanvasKeyCommand | null {
  if (event.ctrlKey || event.metaKey) return null;
  const direction = DIRECTIONS[event.key];
  if (direction) {
    if (event.altKey || !focusedIsSelected) return { kind: 'focusNearest', direction };
    return { kind: 'move', direction, far: event.shiftKey };
  }
  if (event.altKey || event.shiftKey) return null;
  if (event.key === 'Enter') return { kind: 'open' };
  if (event.key === 'c' || event.key === 'C') return { kind: 'connect' };
  return null;
}

/** The document with these steps moved one arrow key press in `direction`. */
export function nudgeNodes(document: FlowDocument, nodeIds: readonly string[], direction: Direction, far: boolean): FlowDocument {
  const distance = far ? FAR_NUDGE : NUDGE;
  const dx = direction === 'left' ? -distance : direction === 'right' ? distance : 0;
  const dy = direction === 'up' ? -distance : direction === 'down' ? distance : 0;
  const ids = new Set(nodeIds);
  const positions = new Map<string, Position>();
  for (const node of document.nodes) if (ids.has(node.id)) positions.set(node.id, { x: node.position.x + dx, y: node.position.y + dy });
  return moveNodes(document, positions);
}

/**
 * The undo key of a burst of arrow key presses on the same steps: presses within the history's merge window are
 * one undo step, however many there were.
 */
export function nudgeMergeKey(nodeIds: readonly string[]): string {
  return `keyboard-move:${[...nodeIds].sort().join(',')}`;
}

/** A step's box on the canvas. */
export interface NodeBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The step to go to from `fromId` with an arrow key: among the steps whose centre lies that way (within 60° either
 * side), the nearest, counting distance across the direction twice. Null when there is none.
 */
export function nearestInDirection(boxes: readonly NodeBox[], fromId: string, direction: Direction): string | null {
  const from = boxes.find((b) => b.id === fromId);
  if (!from) return null;
  const centre = (b: NodeBox) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
  const origin = centre(from);
  let best: { id: string; score: number } | null = null;
  for (const box of boxes) {
    if (box.id === fromId) continue;
    const c = centre(box);
    const dx = c.x - origin.x;
    const dy = c.y - origin.y;
    const along = direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
    const across = Math.abs(direction === 'left' || direction === 'right' ? dy : dx);
    if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
    const score = along + 2 * across;
    if (!best || score < best.score) best = { id: box.id, score };
  }
  return best?.id ?? null;
}

/** One outlet of a step and where it leads now (if anywhere). */
export interface OutletChoice {
  outlet: OutletSpec;
  edge: FlowEdge | undefined;
}

/** The step's outlets in canvas order, each with the connection it has. */
export function outletChoices(document: FlowDocument, nodeId: string): OutletChoice[] {
  const node = document.nodes.find((n) => n.id === nodeId);
  if (!node) return [];
  return outletsOf(node).map((outlet) => ({ outlet, edge: document.edges.find((e) => e.source === nodeId && e.sourceOutlet === outlet.name) }));
}

/** The steps an outlet of `sourceId` may lead to (every step but Start, itself included: a menu may repeat). */
export function connectTargets(document: FlowDocument, sourceId: string, outlet: string): FlowNode[] {
  return document.nodes.filter((n) => canConnect(document, { source: sourceId, sourceOutlet: outlet, target: n.id }));
}

/** Connect an outlet by choosing from lists; an unknown step or outlet is an error naming it. */
export function connectByKeyboard(document: FlowDocument, source: string, sourceOutlet: string, target: string): FlowDocument {
  if (!canConnect(document, { source, sourceOutlet, target })) throw new Error(`cannot connect outlet "${sourceOutlet}" of step "${source}" to step "${target}"`);
  return connectOutlet(document, { source, sourceOutlet, target });
}

/** Remove the connection leaving an outlet; the same document when it has none. */
export function disconnectOutlet(document: FlowDocument, source: string, sourceOutlet: string): FlowDocument {
  const edge = document.edges.find((e) => e.source === source && e.sourceOutlet === sourceOutlet);
  return edge ? removeElements(document, [], [edge.id]) : document;
}
