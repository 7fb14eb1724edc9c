import type { TFunction } from 'i18next';
import { NODE_TYPES, type FlowDocument, type NodeType } from '@switchboard/flows';
import { PALETTE_GROUPS } from '../palette/palette-groups';
import { addNode, canConnect, connectOutlet, type Position } from '../state/document-edits';

/** The outlet a connection was dragged from. */
export interface DraggedOutlet {
  source: string;
  sourceOutlet: string;
}

/** Step types that can follow an outlet, in palette order: everything but Start (nothing leads into it). */
export const NEXT_STEP_TYPES: readonly NodeType[] = PALETTE_GROUPS.flatMap((group) => group.types).filter((type) => type !== 'start');

/** The step types whose canvas title, description or type name contain `query` (case-insensitive). */
export function findStepTypes(t: TFunction, query: string): NodeType[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [...NEXT_STEP_TYPES];
  return NEXT_STEP_TYPES.filter((type) => `${t(`nodes.${type}.title`)} ${t(`nodes.${type}.description`)} ${type}`.toLowerCase().includes(needle));
}

/**
 * Add a step of `type` at `position` and connect the dragged outlet to it, as one document (one undo step).
 * The step's entry sits at `position` (where the connection was dropped), vertically centred on it.
 */
export function addConnectedStep(document: FlowDocument, type: NodeType, position: Position, from: DraggedOutlet, height: number): { document: FlowDocument; nodeId: string } {
  if (!NODE_TYPES.includes(type) || type === 'start') throw new Error(`a "${type}" step cannot follow an outlet`);
  const added = addNode(document, type, { x: position.x, y: position.y - height / 2 });
  const connection = { ...from, target: added.nodeId };
  if (!canConnect(added.document, connection)) throw new Error(`step "${from.source}" has no outlet "${from.sourceOutlet}"`);
  return { document: connectOutlet(added.document, connection), nodeId: added.nodeId };
}
