import type { CalendarEntryKind } from './schema.js';

/** One entry as the schedule reads it. Plain JSON. */
export interface CompiledCalendarEntry {
  name: string;
  kind: CalendarEntryKind;
  /** Open ranges of the day as flat `[start, end, …]` minutes, sorted and merged: special hours, or a make-up day's own hours. */
  hours: number[];
  /** Make-up working day without own hours: the weekday (Monday = 0) whose schedule hours apply; otherwise -1. */
  as: number;
  /** The dates as written, for people: `2027-02-06 – 2027-02-12`, `every year 12-24`. */
  when: string;
}

/**
 * A calendar revision ready for evaluation: day-number lookup tables like the schedule node's, ranges expanded to
 * their days, so a decision is two property reads per calendar whatever the number of entries. Plain JSON: the
 * runtime and the simulator compile the same revision to the same tables.
 */
export interface CompiledCalendar {
  name: string;
  /** The stored revision this was compiled from (0 for a calendar not saved yet, e.g. an import preview). */
  revision: number;
  timezone: string;
  entries: CompiledCalendarEntry[];
  /** Local day number (days since 1970-01-01 in `timezone`) → entry index: dated entries and ranges. */
  dates: Record<string, number>;
  /** `month * 100 + day` → entry index: yearly entries and yearly ranges. */
  yearly: Record<string, number>;
}

/** Which kind wins when two entries (of one calendar or of several) fall on the same day: the most restrictive. */
export const KIND_RANK: Readonly<Record<CalendarEntryKind, number>> = { closed: 3, hours: 2, workday: 1 };

/** `CN-2027 rev 3`: how decisions, transcripts and call records name a calendar revision. */
export function calendarLabel(calendar: Pick<CompiledCalendar, 'name' | 'revision'>): string {
  return `calendar ${calendar.name} rev ${calendar.revision}`;
}
