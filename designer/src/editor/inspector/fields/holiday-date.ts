/** Holiday dates are `YYYY-MM-DD` (that day only) or `MM-DD` (every year). */
export function isYearly(date: string): boolean {
  return /^\d{2}-\d{2}$/.test(date);
}

/** Switch a date between one-off and every-year form; `year` is used when a year must be added. */
export function toggleYearly(date: string, yearly: boolean, year: number): string {
  if (yearly) return isYearly(date) ? date : date.replace(/^\d{4}-/, '');
  return isYearly(date) ? `${year}-${date}` : date;
}

/** The day after `date`, in the same form (`2026-12-31` → `2027-01-01`, `12-31` → `01-01`); null if it is no date. */
export function dayAfter(date: string): string | null {
  const match = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  // A leap year for yearly dates, so 02-28 is followed by 02-29 as the schedule allows.
  const next = new Date(Date.UTC(match[1] ? Number(match[1]) : 2024, Number(match[2]) - 1, Number(match[3]) + 1));
  if (Number.isNaN(next.getTime())) return null;
  const monthDay = `${String(next.getUTCMonth() + 1).padStart(2, '0')}-${String(next.getUTCDate()).padStart(2, '0')}`;
  return match[1] ? `${String(next.getUTCFullYear()).padStart(4, '0')}-${monthDay}` : monthDay;
}

interface HolidayLike {
  name: string;
  date: string;
  hours: Array<{ open: string; close: string }>;
}

/**
 * The holiday "Add a holiday" adds: the day after the last one, with its name and hours (a holiday week is the
 * first day and then one click a day), or `fallback` when there is none or its date is not a date yet.
 */
export function nextHoliday<H extends HolidayLike>(holidays: readonly H[], fallback: H): H {
  const last = holidays.at(-1);
  const date = last ? dayAfter(last.date) : null;
  return last && date ? { ...last, date, hours: last.hours.map((h) => ({ ...h })) } : fallback;
}
