import { nodeDefinition, type FlowDocument, type FlowEdge, type FlowNode } from '@switchboard/flows';
import type { Position } from '../state/document-edits';
import { uniqueId } from '../state/ids';
import type { FlowTemplate, TemplateContext } from './template';

/** The flow's own time zone, if it has a schedule already: a template's schedule should agree with it. */
export function flowTimeZone(document: FlowDocument): string | undefined {
  for (const node of document.nodes) if (node.type === 'schedule') return node.data.timezone;
  return undefined;
}

/**
 * Insert a template's steps with fresh ids, its top-left corner at `at`, edges between them rewired. Nothing
 * leads into it yet. Throws naming the step when a template's settings do not pass its node's schema (a
 * template bug, which `templates.test.ts` catches first).
 */
export function insertTemplate(
  document: FlowDocument,
  template: FlowTemplate,
  at: Position,
  context: Omit<TemplateContext, 'timezone' | 'languages'>,
): { document: FlowDocument; nodeIds: string[]; entryId: string; exits: Array<{ source: string; sourceOutlet: string }> } {
  const full: TemplateContext = { ...context, languages: document.languages, timezone: flowTimeZone(document) };
  const takenNodeIds = new Set(document.nodes.map((n) => n.id));
  const takenEdgeIds = new Set(document.edges.map((e) => e.id));
  const ids = new Map<string, string>();
  const nodes: FlowNode[] = template.steps.map((step) => {
    const definition = nodeDefinition(step.type);
    if (!definition) throw new Error(`template "${template.id}": unknown step type "${step.type}"`);
    const parsed = definition.dataSchema.safeParse(step.data(full));
    if (!parsed.success) throw new Error(`template "${template.id}", step "${step.key}": ${parsed.error.message}`);
    const id = uniqueId(step.type, takenNodeIds);
    ids.set(step.key, id);
    const position = { x: Math.round(at.x + step.position.x), y: Math.round(at.y + step.position.y) };
    return { id, type: step.type, label: step.label(full).slice(0, 80), position, data: parsed.data } as FlowNode;
  });
  const edges: FlowEdge[] = template.edges.map(([from, outlet, to]) => {
    const source = ids.get(from);
    const target = ids.get(to);
    if (!source || !target) throw new Error(`template "${template.id}": edge ${from}.${outlet} → ${to} names a step it does not have`);
    return { id: uniqueId('e', takenEdgeIds), source, sourceOutlet: outlet, target };
  });
  return {
    document: { ...document, nodes: [...document.nodes, ...nodes], edges: [...document.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
    entryId: ids.get(template.entry)!,
    exits: template.exits.map(([step, outlet]) => ({ source: ids.get(step)!, sourceOutlet: outlet })),
  };
}
