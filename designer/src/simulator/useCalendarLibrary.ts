import { calendarReferences, parseCalendar, type CompiledCalendar, type FlowDocument } from '@switchboard/flows';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../app/api/trpc';

/** The calendars a test call uses (their current revisions, compiled), and what the panel tells the tester. */
export interface CalendarLibrary {
  calendars: Readonly<Record<string, CompiledCalendar>>;
  /** Named by a schedule but not stored (or not compiling): schedules decide without them, as the runtime does. */
  missing: readonly string[];
  loading: boolean;
  loadError: string | null;
}

const NONE: Readonly<Record<string, CompiledCalendar>> = Object.freeze({});

/** The calendar names a document's schedules refer to, sorted and without duplicates. */
export function calendarNames(document: FlowDocument): string[] {
  return [...new Set(calendarReferences(document).map((reference) => reference.calendar))].sort();
}

/**
 * Loads the current revision of every calendar the document's schedules name (`calendars.current`) and compiles it
 * with the same `compileCalendar` the runtime uses, so a test call decides as a real call started now would.
 */
export function useCalendarLibrary(document: FlowDocument): CalendarLibrary {
  const trpc = useTRPC();
  const key = calendarNames(document).join('\n');
  const names = useMemo(() => (key === '' ? [] : key.split('\n')), [key]);
  const query = useQuery({ ...trpc.calendars.current.queryOptions({ names }), enabled: names.length > 0 });
  const compiled = useMemo(() => {
    const calendars: Record<string, CompiledCalendar> = {};
    const broken: string[] = [];
    for (const stored of query.data?.calendars ?? []) {
      const { calendar, diagnostics } = parseCalendar(stored.document, stored.revision);
      if (calendar && !diagnostics.some((d) => d.severity === 'error')) calendars[stored.name] = calendar;
      else broken.push(stored.name);
    }
    return { calendars, broken };
  }, [query.data]);
  if (names.length === 0) return { calendars: NONE, missing: [], loading: false, loadError: null };
  return {
    calendars: compiled.calendars,
    missing: [...(query.data?.missing ?? []), ...compiled.broken],
    loading: query.isPending,
    loadError: query.isError ? query.error.message : null,
  };
}
