import { DAY_MINUTES, monthDayKey } from './day-numbers.js';
import { KIND_RANK, type CompiledCalendar, type CompiledCalendarEntry } from './compiled.js';
import { localMinutes } from './local-time.js';

/** Index of the entry of `calendar` on local day `day`, or -1: a dated entry beats a yearly one. */
export function calendarEntryIndexOn(calendar: CompiledCalendar, day: number): number {
  const dated = calendar.dates[day];
  if (dated !== undefined) return dated;
  return calendar.yearly[monthDayKey(day)] ?? -1;
}

/** The entry that decides a day, with where it came from and the local time on the calendar's clock. */
export interface CalendarHit {
  calendar: CompiledCalendar;
  entry: CompiledCalendarEntry;
  /** Local day number in the calendar's zone. */
  day: number;
  /** Minutes after local midnight in the calendar's zone. */
  minuteOfDay: number;
}

/**
 * Which calendar entry decides at `epochMs`, or null when no calendar has an entry for that day. Each calendar
 * reads the instant on its own clock (its time zone). When several have an entry, the most restrictive kind wins
 * (closed > special hours > make-up working day); between entries of the same kind, the calendar listed first.
 * Allocates only on a hit.
 */
export function decidingCalendarEntry(calendars: readonly CompiledCalendar[], epochMs: number): CalendarHit | null {
  let best: CompiledCalendar | null = null;
  let bestEntry: CompiledCalendarEntry | null = null;
  let bestLocal = 0;
  for (let i = 0; i < calendars.length; i++) {
    const calendar = calendars[i] as CompiledCalendar;
    const local = localMinutes(calendar.timezone, epochMs);
    const index = calendarEntryIndexOn(calendar, Math.floor(local / DAY_MINUTES));
    if (index < 0) continue;
    const entry = calendar.entries[index] as CompiledCalendarEntry;
    if (bestEntry === null || KIND_RANK[entry.kind] > KIND_RANK[bestEntry.kind]) {
      best = calendar;
      bestEntry = entry;
      bestLocal = local;
    }
  }
  if (best === null || bestEntry === null) return null;
  const day = Math.floor(bestLocal / DAY_MINUTES);
  return { calendar: best, entry: bestEntry, day, minuteOfDay: bestLocal - day * DAY_MINUTES };
}
