import { DiagnosticSink, type Diagnostic } from '../diagnostics/diagnostic.js';
import { nodeDefinition } from '../nodes/registry.js';

/** Where a flow names a shared calendar: node, field path in the document, calendar name. */
export interface CalendarReference {
  nodeId: string;
  /** `nodes[4].data.calendars[1]` */
  path: string;
  calendar: string;
}

interface NodeLike {
  id: string;
  type: string;
  data: unknown;
}

/** Every calendar a flow document's nodes name, with where (node modules declare them through `calendars`). */
export function calendarReferences(document: { nodes: readonly NodeLike[] }): CalendarReference[] {
  const references: CalendarReference[] = [];
  document.nodes.forEach((node, index) => {
    const definition = nodeDefinition(node.type);
    const names = definition?.calendars?.(node.data) ?? [];
    names.forEach((calendar, at) => references.push({ nodeId: node.id, path: `nodes[${index}].data.calendars[${at}]`, calendar }));
  });
  return references;
}

/** The calendar names a compiled flow's schedules read (from their compiled configs), without duplicates. */
export function compiledCalendarNames(flow: { nodes: Readonly<Record<string, { type: string; config: unknown }>> }): string[] {
  const names = new Set<string>();
  for (const node of Object.values(flow.nodes)) {
    if (node.type !== 'schedule') continue;
    for (const name of (node.config as { calendars?: string[] }).calendars ?? []) names.add(name);
  }
  return [...names];
}

/**
 * Cross-resource checks between a flow and the stored calendars: every calendar a schedule names exists (SB304,
 * an error: publishing is refused) and is read in the schedule's own zone (SB305, a warning). `known` maps each
 * existing calendar's name to its time zone.
 */
export function checkCalendarReferences(document: { nodes: readonly NodeLike[] }, known: ReadonlyMap<string, { timezone: string }>): Diagnostic[] {
  const sink = new DiagnosticSink();
  const nodes = new Map(document.nodes.map((node) => [node.id, node]));
  for (const reference of calendarReferences(document)) {
    const calendar = known.get(reference.calendar);
    if (!calendar) {
      sink.report('SB304.missingCalendar', { nodeId: reference.nodeId, path: reference.path }, { node: reference.nodeId, calendar: reference.calendar });
      continue;
    }
    const zone = (nodes.get(reference.nodeId)?.data as { timezone?: unknown } | undefined)?.timezone;
    if (typeof zone === 'string' && zone !== calendar.timezone) {
      sink.report('SB305.timezoneMismatch', { nodeId: reference.nodeId, path: reference.path }, { node: reference.nodeId, zone, calendar: reference.calendar, calendarZone: calendar.timezone });
    }
  }
  return sink.items;
}
