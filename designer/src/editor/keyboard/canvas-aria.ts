import type { AriaLabelConfig, Edge, Node } from '@xyflow/react';
import type { TFunction } from 'i18next';
import type { FlowDocument, FlowNode } from '@switchboard/flows';
import { outletLabel } from '../canvas/outlet-label';
import { stepName } from '../names/describe-place';
import { outletsOf } from '../state/document-edits';
import type { NodeIssueCount } from '../state/canvas-mapping';

/**
 * A step's name as people read it on the canvas: its label, else its kind's title with the id to tell steps of
 * one kind apart — except where the id only repeats the kind (the one Start step).
 */
export function canvasStepName(t: TFunction, node: FlowNode): string {
  const name = stepName(t, node);
  return !name.named && node.id === node.type ? t(`nodes.${node.type}.title`, { defaultValue: node.type }) : name.name;
}

/** What a screen reader says for a step: its canvas name, its kind, and its problems. */
export function nodeAriaLabel(t: TFunction, node: FlowNode, issues?: NodeIssueCount): string {
  const type = t(`nodes.${node.type}.title`, { defaultValue: node.type });
  const name = canvasStepName(t, node);
  const parts = [node.label?.trim() ? t('keyboardCanvas.aria.namedStep', { name, type }) : t('keyboardCanvas.aria.step', { name })];
  if (issues?.errors) parts.push(t('validation.errorCount', { count: issues.errors }));
  if (issues?.warnings) parts.push(t('validation.warningCount', { count: issues.warnings }));
  return parts.join(', ');
}

/** What a screen reader says for a connection: from which step's outlet to which step, by canvas names. */
export function edgeAriaLabel(t: TFunction, edge: { source: string; sourceHandle?: string | null | undefined; target: string }, nodesById: ReadonlyMap<string, FlowNode>): string {
  const source = nodesById.get(edge.source);
  const target = nodesById.get(edge.target);
  const outletName = edge.sourceHandle ?? '';
  const spec = source ? outletsOf(source).find((o) => o.name === outletName) : undefined;
  return t('names.connection', {
    from: source ? canvasStepName(t, source) : edge.source,
    outlet: source && spec ? outletLabel(t, source.type, spec) : outletName,
    to: target ? canvasStepName(t, target) : edge.target,
  });
}

/** A source handle's label: the outlet and the step it belongs to, and what Enter does there. */
export function outletAriaLabel(t: TFunction, node: FlowNode, outlet: string): string {
  return t('keyboardCanvas.aria.outlet', { outlet, step: canvasStepName(t, node) });
}

/** React Flow's own texts for assistive technology and its zoom buttons, in the UI language. */
export function reactFlowAriaLabels(t: TFunction): Partial<AriaLabelConfig> {
  return {
    'node.a11yDescription.default': t('keyboardCanvas.aria.nodeHelp'),
    'node.a11yDescription.keyboardDisabled': t('keyboardCanvas.aria.nodeHelp'),
    'node.a11yDescription.ariaLiveMessage': ({ x, y }) => t('keyboardCanvas.aria.movedTo', { x, y }),
    'edge.a11yDescription.default': t('keyboardCanvas.aria.edgeHelp'),
    'controls.ariaLabel': t('keyboardCanvas.aria.controls'),
    'controls.zoomIn.ariaLabel': t('keyboardCanvas.aria.zoomIn'),
    'controls.zoomOut.ariaLabel': t('keyboardCanvas.aria.zoomOut'),
    'controls.fitView.ariaLabel': t('keyboardCanvas.aria.fitView'),
    'controls.interactive.ariaLabel': t('keyboardCanvas.aria.interactive'),
    'minimap.ariaLabel': t('canvas.minimap'),
    'handle.ariaLabel': t('keyboardCanvas.aria.handle'),
  };
}

/**
 * Gives each canvas node (or edge) its screen-reader label, keeping the same object while the item and its label
 * stay the same, so memoised nodes do not re-render. `labelOf` runs only for items not seen before, or every time
 * when `recheck` is set (an edge's label also depends on the steps at its ends). Make one per language.
 */
export function labeller<T extends Node | Edge>(recheck = false): (item: T, labelOf: (item: T) => string) => T {
  const cache = new WeakMap<T, T>();
  return (item, labelOf) => {
    const known = cache.get(item);
    if (known && !recheck) return known;
    const label = labelOf(item);
    if (known && known.ariaLabel === label) return known;
    const labelled = { ...item, ariaLabel: label, ...edgeEnds(item) };
    cache.set(item, labelled);
    return labelled;
  };
}

/**
 * Gives each edge its screen-reader label (and its ends as attributes), keeping the same object while the edge and
 * the steps at its ends stay the same objects. A large flow hands React Flow hundreds of edges and every label is a
 * few i18next calls: a zoom step that brings new edges labels only those, a keystroke in a step's name only the
 * edges of that step. Make one per language.
 */
export function edgeLabeller<E extends Edge>(labelOf: (edge: E, nodes: ReadonlyMap<string, FlowNode>) => string): (edge: E, nodes: ReadonlyMap<string, FlowNode>) => E {
  const cache = new WeakMap<E, { source: FlowNode | undefined; target: FlowNode | undefined; labelled: E }>();
  return (edge, nodes) => {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    const known = cache.get(edge);
    if (known && known.source === source && known.target === target) return known.labelled;
    const label = labelOf(edge, nodes);
    const labelled = known && known.labelled.ariaLabel === label ? known.labelled : ({ ...edge, ariaLabel: label, ...edgeEnds(edge) } as E);
    cache.set(edge, { source, target, labelled });
    return labelled;
  };
}

/**
 * An edge's ends as attributes on its element (`data-source`, `data-target`, `data-outlet`): its label now names
 * steps, so tests and tools find a connection by ids here.
 */
function edgeEnds(item: Node | Edge): Partial<Edge> {
  if (!('source' in item)) return {};
  const attributes: Record<string, string> = { 'data-source': item.source, 'data-target': item.target, 'data-outlet': item.sourceHandle ?? '' };
  return { domAttributes: { ...item.domAttributes, ...attributes } as Edge['domAttributes'] };
}

/** Nodes by id, for labelling edges. */
export function nodesById(document: FlowDocument): Map<string, FlowNode> {
  return new Map(document.nodes.map((n) => [n.id, n]));
}
