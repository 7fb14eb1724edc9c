import { calendarEntryIndexOn } from './evaluate.js';
import { describeEntryEffect } from './compile.js';
import type { CompiledCalendar } from './compiled.js';
import { clock, daysFromCivil, isoDate, parseCalendarDate, WEEKDAY_TITLES, WEEKDAYS, weekdayIndex } from './day-numbers.js';

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
  /** Open ranges the entry gives the day (`09:00–15:00`), empty for closed days and borrowed weekday hours. */
  hours: string;
  /** Make-up working day with a weekday's hours: that weekday (`monday`); otherwise null. */
  as: string | null;
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
    const hours: string[] = [];
    for (let i = 0; i < entry.hours.length; i += 2) hours.push(`${clock(entry.hours[i] as number)}–${clock(entry.hours[i + 1] as number)}`);
    preview.push({
      date: isoDate(day),
      weekday: WEEKDAY_TITLES[weekdayIndex(day)] as string,
      entry: entry.name,
      kind: entry.kind,
      effect: describeEntryEffect(entry),
      when: entry.when,
      hours: hours.join(', '),
      as: entry.as >= 0 ? (WEEKDAYS[entry.as] as string) : null,
    });
  }
  return preview;
}
