import type { CalendarDocument, CalendarEntry, OpeningHours, Weekday } from '@switchboard/flows';

/** One entry as the table edits it: every field a text, so half-typed values stay as typed. */
export interface EntryRow {
  kind: CalendarEntry['kind'];
  name: string;
  date: string;
  until: string;
  /** `09:00-15:00, 16:00-18:00` */
  hours: string;
  /** Make-up working day: the weekday whose hours apply, or '' for the row's own hours. */
  as: Weekday | '';
}

export function hoursText(hours: readonly OpeningHours[] | undefined): string {
  return (hours ?? []).map((h) => `${h.open}-${h.close}`).join(', ');
}

/** `09:00-15:00, 16:00 – 18:00` → ranges; pieces that are not `HH:MM-HH:MM` are kept for the schema to name. */
export function parseHoursText(text: string): OpeningHours[] {
  return text
    .split(/[,;，]/)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '')
    .map((piece) => {
      const [open = '', close = ''] = piece.split(/\s*[-–]\s*/);
      return { open, close };
    });
}

export function rowOf(entry: CalendarEntry): EntryRow {
  return {
    kind: entry.kind,
    name: entry.name,
    date: entry.date,
    until: entry.until ?? '',
    hours: entry.kind === 'closed' ? '' : hoursText(entry.hours),
    as: entry.kind === 'workday' ? (entry.as ?? '') : 'monday',
  };
}

/** The entry a row stands for (not yet checked: the calendar's compile step names what is wrong, by row). */
export function entryOf(row: EntryRow): CalendarEntry {
  const dates = { name: row.name, date: row.date.trim(), ...(row.until.trim() === '' ? {} : { until: row.until.trim() }) };
  switch (row.kind) {
    case 'closed':
      return { kind: 'closed', ...dates };
    case 'hours':
      return { kind: 'hours', ...dates, hours: parseHoursText(row.hours) };
    case 'workday':
      return row.as === '' ? { kind: 'workday', ...dates, hours: parseHoursText(row.hours) } : { kind: 'workday', ...dates, as: row.as };
  }
}

/** The document the rows make, for checking and saving. */
export function documentOf(base: Pick<CalendarDocument, 'name' | 'timezone' | 'description'>, rows: readonly EntryRow[]): CalendarDocument {
  return { schemaVersion: 1, name: base.name.trim(), timezone: base.timezone.trim(), description: base.description, entries: rows.map(entryOf) };
}

/** A new row: closed; should it become a make-up working day, it works as a Monday until told otherwise. */
export const NEW_ROW: EntryRow = { kind: 'closed', name: '', date: '', until: '', hours: '', as: 'monday' };
