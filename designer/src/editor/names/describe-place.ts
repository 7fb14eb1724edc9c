import { FlowDocumentSchema, nodeDefinition, type FlowDocument } from '@switchboard/flows';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { outletLabel } from '../canvas/outlet-label';
import { describeSchema } from '../inspector/describe-schema';
import { fieldLabel } from '../inspector/fields/field-label';
import { itemTitle } from '../inspector/item-title';

/** One step of a path: a property name or an array index. */
export type PathPart = string | number;

/** A step as a person knows it: its name on the canvas (else its type and id), with its id kept as detail. */
export interface StepName {
  id: string;
  type: string;
  name: string;
  /** Whether the name is the person's own label (then the id is worth showing beside it). */
  named: boolean;
}

/** Where something is, for a person: the step, then the fields inside it as the inspector labels them. */
export interface Place {
  step: StepName | null;
  /** Field labels, an outlet, a connection… in reading order after the step. */
  parts: string[];
  /** The path as tools write it (`nodes[3].data.overflow.maxWaitSeconds`), shown only as secondary detail. */
  path: string;
}

interface NodeLike {
  id: string;
  type: string;
  label?: string | undefined;
  data?: unknown;
}

const PART = /([^.[\]]+)|\[(\d+)\]/g;
const FLOW_SETTINGS = new Set(['schemaVersion', 'name', 'description', 'languages', 'variables']);

/** `data.options[1].digit` → `['data', 'options', 1, 'digit']`; the diff's `(value)` (the whole thing) → `[]`. */
export function parsePath(path: string): PathPart[] {
  if (path === '' || path === '(value)') return [];
  const parts: PathPart[] = [];
  for (const match of path.matchAll(PART)) parts.push(match[2] !== undefined ? Number(match[2]) : (match[1] as string));
  return parts;
}

/** A step's name as the canvas shows it: its label, else its type's title and its id. */
export function stepName(t: TFunction, node: NodeLike): StepName {
  const label = node.label?.trim();
  if (label) return { id: node.id, type: node.type, name: label, named: true };
  return { id: node.id, type: node.type, name: `${t(`nodes.${node.type}.title`, { defaultValue: node.type })} ${node.id}`, named: false };
}

/** The place as one line of text: `“Billing queue” › Overflow rules › Longest wait (seconds)`. */
export function placeText(place: Place): string {
  const step = place.step ? (place.step.named ? `“${place.step.name}”` : place.step.name) : null;
  return [...(step ? [step] : []), ...place.parts].join(' › ');
}

function child(value: unknown, part: PathPart): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<PathPart, unknown>)[part] : undefined;
}

/**
 * Labels for a path inside a value described by `schema`: property names as the inspector labels them, list
 * items by their own name ("1 · Billing", else "Item 2"), record keys (languages, header names) as written.
 */
export function fieldLabels(t: TFunction, schema: z.ZodType | null, value: unknown, parts: readonly PathPart[]): string[] {
  const labels: string[] = [];
  let current = schema;
  let currentValue = value;
  for (const part of parts) {
    const shape = current ? describeSchema(current).shape : ({ kind: 'unknown' } as const);
    const next = child(currentValue, part);
    if (typeof part === 'number') {
      labels.push(itemTitle(next, part, t('inspector.item')));
      current = shape.kind === 'array' ? shape.element : null;
    } else if (shape.kind === 'record') {
      labels.push(part);
      current = shape.value;
    } else {
      labels.push(fieldLabel(t, part));
      current = shape.kind === 'object' ? (shape.shape[part] ?? null) : null;
    }
    currentValue = next;
  }
  return labels;
}

function nodeParts(t: TFunction, node: NodeLike, parts: readonly PathPart[]): string[] {
  const [head, ...rest] = parts;
  if (head === undefined) return [];
  switch (head) {
    case 'data':
      return fieldLabels(t, nodeDefinition(node.type)?.dataSchema ?? null, node.data, rest);
    case 'label':
      return [t('inspector.label'), ...rest.map(String)];
    case 'position':
      return [t('names.position')];
    case 'outlets': {
      const name = String(rest[0] ?? '');
      const spec = node.data !== undefined ? nodeDefinition(node.type)?.outlets(node.data as never).find((o) => o.name === name) : undefined;
      return [t('names.outlet', { outlet: spec ? outletLabel(t, node.type, spec) : t(`nodes.${node.type}.outlets.${name}`, { defaultValue: name }) })];
    }
    default:
      return fieldLabels(t, null, node, parts);
  }
}

/** A field of one step, by its path relative to the node (`data.overflow.maxWaitSeconds`, `label`), as a version diff gives it. */
export function describeNodePath(t: TFunction, node: NodeLike, path: string): Place {
  return { step: stepName(t, node), parts: nodeParts(t, node, parsePath(path)), path };
}

/** A field of the flow itself (`variables[0].initial`, `scenarios[1].expect.outcome`), as a version diff gives it. */
export function describeFlowPath(t: TFunction, document: Partial<FlowDocument> | undefined, path: string): Place {
  const parts = parsePath(path);
  const labels = fieldLabels(t, FlowDocumentSchema as unknown as z.ZodType, document, parts);
  const settings = typeof parts[0] === 'string' && FLOW_SETTINGS.has(parts[0]);
  return { step: null, parts: settings ? [t('flowSettings.title'), ...labels] : labels, path };
}

/**
 * A place in a whole document as diagnostics give it: `nodes[3].data.options[1].digit`, `nodes[3].outlets.next`,
 * `edges[2].target`, `variables[0].name`. The step is found by `nodeId` when given (the server's indices may be
 * of another revision), else by its index.
 */
export function describeDocumentPath(t: TFunction, document: FlowDocument | undefined, path: string, nodeId?: string): Place {
  const parts = parsePath(path);
  const [head, index, ...rest] = parts;
  const byId = nodeId !== undefined ? document?.nodes.find((node) => node.id === nodeId) : undefined;
  if (head === 'nodes' && typeof index === 'number') {
    const node = byId ?? document?.nodes[index];
    if (node) return { step: stepName(t, node), parts: nodeParts(t, node, rest), path };
    return { step: nodeId !== undefined ? { id: nodeId, type: '', name: nodeId, named: false } : null, parts: [], path };
  }
  if (head === 'edges' && typeof index === 'number') {
    const edge = document?.edges[index];
    if (!edge) return { step: null, parts: [t('names.connectionUnknown')], path };
    const nameOf = (id: string) => {
      const node = document?.nodes.find((n) => n.id === id);
      return node ? placeText({ step: stepName(t, node), parts: [], path: '' }) : id;
    };
    const source = document?.nodes.find((n) => n.id === edge.source);
    const outlet = source ? nodeParts(t, source, ['outlets', edge.sourceOutlet])[0] : edge.sourceOutlet;
    return { step: null, parts: [t('names.connection', { from: nameOf(edge.source), outlet, to: nameOf(edge.target) })], path };
  }
  if (byId) return { step: stepName(t, byId), parts: [], path };
  if (parts.length === 0) return { step: null, parts: [], path };
  return describeFlowPath(t, document, path);
}

function valueAt(value: unknown, parts: readonly PathPart[]): unknown {
  return parts.reduce<unknown>((current, part) => child(current, part), value);
}

/**
 * A changed field of a step in a comparison of two versions: the step is named as in the newer version, and a list
 * item removed since is named from the older one (its name is gone from the newer).
 */
export function describeNodeChange(t: TFunction, change: NodeLike, older: NodeLike | undefined, newer: NodeLike | undefined, path: string): Place {
  const parts = parsePath(path);
  const lastIndex = parts.findLastIndex((part) => typeof part === 'number');
  const holdsItem = (node: NodeLike | undefined) => node !== undefined && (lastIndex < 0 || valueAt(node, parts.slice(0, lastIndex + 1)) !== undefined);
  const named = newer ?? older ?? change;
  const fields = holdsItem(newer) ? newer : holdsItem(older) ? older : named;
  return { step: stepName(t, named), parts: nodeParts(t, fields as NodeLike, parts), path };
}
