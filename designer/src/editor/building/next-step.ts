import type { TFunction } from 'i18next';
import { NODE_TYPES, type FlowDocument, type NodeType } from '@switchboard/flows';
import { PALETTE_GROUPS } from '../palette/palette-groups';
import { addNode, canConnect, connectOutlet, type Position } from '../state/document-edits';
import { insertTemplate } from '../templates/insert-template';
import { FLOW_TEMPLATES } from '../templates/registry';
import type { FlowTemplate, TemplateContext } from '../templates/template';

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

/** What the picker offers after an outlet: a step type, or a template whose entry step follows the outlet. */
export type NextStepChoice = { kind: 'step'; type: NodeType } | { kind: 'template'; template: FlowTemplate };

/** Step types, then templates, whose titles or descriptions contain `query` (case-insensitive). */
export function findNextStepChoices(t: TFunction, query: string): NextStepChoice[] {
  const needle = query.trim().toLowerCase();
  const templates = FLOW_TEMPLATES.filter(
    (template) => needle === '' || `${t(`building.templates.${template.id}.name`)} ${t(`building.templates.${template.id}.description`)} ${template.id}`.toLowerCase().includes(needle),
  );
  return [...findStepTypes(t, query).map((type) => ({ kind: 'step', type }) as const), ...templates.map((template) => ({ kind: 'template', template }) as const)];
}

/**
 * Insert a template with its entry step at `position` (vertically centred on it) and connect the dragged outlet to
 * that step, as one document (one undo step): a template where the flow needs it costs one pick, not a pick and a drag.
 */
export function addConnectedTemplate(
  document: FlowDocument,
  template: FlowTemplate,
  position: Position,
  from: DraggedOutlet,
  height: number,
  context: Omit<TemplateContext, 'timezone' | 'languages'>,
): { document: FlowDocument; nodeIds: string[]; entryId: string } {
  const entry = template.steps.find((step) => step.key === template.entry);
  if (!entry) throw new Error(`template "${template.id}" has no entry step "${template.entry}"`);
  const inserted = insertTemplate(document, template, { x: position.x - entry.position.x, y: position.y - height / 2 - entry.position.y }, context);
  const connection = { ...from, target: inserted.entryId };
  if (!canConnect(inserted.document, connection)) throw new Error(`step "${from.source}" has no outlet "${from.sourceOutlet}"`);
  return { document: connectOutlet(inserted.document, connection), nodeIds: inserted.nodeIds, entryId: inserted.entryId };
}
