/*
 * Calendar arithmetic on local day numbers (days since 1970-01-01 on the wall clock of some zone), after
 * H. Hinnant's civil algorithms: no Date objects at step time. Shared by the schedule node and calendars.
 */

export const DAY_MINUTES = 1440;
export const WEEK_MINUTES = 7 * DAY_MINUTES;
export const MINUTE_MS = 60_000;

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_TITLES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `month * 100 + day` of a local day number, without allocating. */
export function monthDayKey(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return (mp < 10 ? mp + 3 : mp - 9) * 100 + doy - Math.floor((153 * mp + 2) / 5) + 1;
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Monday = 0 … Sunday = 6 for a local day number (1970-01-01 was a Thursday). */
export function weekdayIndex(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/** Minutes after midnight for `HH:MM`, `24:00` → 1440; null when not a time of day. */
export function parseClockTime(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

/** `HH:MM` for minutes after midnight, 0–1440. */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `2027-02-06` for a local day number. */
export function isoDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A written date: `YYYY-MM-DD` (one day) or `MM-DD` (every year). Null when it is not a real date; yearly dates
 * are checked against a leap year, so `02-29` is accepted.
 */
export function parseCalendarDate(text: string): { year: number | null; month: number; day: number } | null {
  const match = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const year = match[1] === undefined ? null : Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year ?? 2024, month)) return null;
  return { year, month, day };
}

/** Flat `[start, end, …]` range containing `minute`, as the index of its start, or -1. Ranges are sorted. */
export function rangeContaining(ranges: readonly number[], minute: number): number {
  for (let i = 0; i < ranges.length; i += 2) {
    if (minute < (ranges[i] as number)) return -1;
    if (minute < (ranges[i + 1] as number)) return i;
  }
  return -1;
}

/** The weekly ranges (minutes of the week) that fall on weekday `weekday`, as minutes of that day. */
export function weekdayRanges(weekly: readonly number[], weekday: number): number[] {
  const dayStart = weekday * DAY_MINUTES;
  const out: number[] = [];
  for (let i = 0; i < weekly.length; i += 2) {
    const start = Math.max(weekly[i] as number, dayStart);
    const end = Math.min(weekly[i + 1] as number, dayStart + DAY_MINUTES);
    if (start < end) out.push(start - dayStart, end - dayStart);
  }
  return out;
}
