import { calendarEntryIndexOn } from './evaluate.js';
import { describeEntryEffect } from './compile.js';
import type { CompiledCalendar } from './compiled.js';
import { daysFromCivil, isoDate, parseCalendarDate, WEEKDAY_TITLES, weekdayIndex } from './day-numbers.js';

/** One day that differs from the ordinary week, and why. */
export interface PreviewDay {
  /** `2027-02-06` */
  date: string;
  /** `Saturday` */
  weekday: string;
  entry: string;
  kind: 'closed' | 'hours' | 'workday';
  /** `closed all day`, `open 09:00–15:00`, `make-up working day (monday's hours)` */
  effect: string;
  /** `2027-02-06 – 2027-02-13`, `every year 12-24` */
  when: string;
}

/**
 * Every day from `from` (`YYYY-MM-DD`, the caller's "today" in the calendar's zone) for `days` days (default: the
 * next 12 months) on which the calendar changes the ordinary week, with the entry that decides and what it does.
 */
export function previewCalendar(calendar: CompiledCalendar, from: string, days = 365): PreviewDay[] {
  const start = parseCalendarDate(from);
  if (!start || start.year === null) throw new Error(`"${from}" is not a date YYYY-MM-DD`);
  const first = daysFromCivil(start.year, start.month, start.day);
  const preview: PreviewDay[] = [];
  for (let day = first; day < first + days; day++) {
    const index = calendarEntryIndexOn(calendar, day);
    const entry = index >= 0 ? calendar.entries[index] : undefined;
    if (!entry) continue;
    preview.push({ date: isoDate(day), weekday: WEEKDAY_TITLES[weekdayIndex(day)] as string, entry: entry.name, kind: entry.kind, effect: describeEntryEffect(entry), when: entry.when });
  }
  return preview;
}
