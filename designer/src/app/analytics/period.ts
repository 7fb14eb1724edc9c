/** Periods the dashboard offers, cut at the viewer's local midnight (the browser's time zone). */
export type PeriodPreset = 'today' | 'yesterday' | 'last7' | 'last30';
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['today', 'yesterday', 'last7', 'last30'];

export interface Period {
  from: string;
  to: string;
}

const HOUR = 3_600_000;

function localMidnight(at: Date, daysBack: number): Date {
  const day = new Date(at.getFullYear(), at.getMonth(), at.getDate() - daysBack);
  return day;
}

/**
 * The period for a preset at `now`: from local midnight (today, yesterday, 6 or 29 days ago) to the end of the
 * current hour (the rollups count whole hours by their start), or to midnight for yesterday.
 */
export function periodOf(preset: PeriodPreset, now: Date): Period {
  const endOfHour = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
  switch (preset) {
    case 'today':
      return { from: localMidnight(now, 0).toISOString(), to: endOfHour.toISOString() };
    case 'yesterday':
      return { from: localMidnight(now, 1).toISOString(), to: localMidnight(now, 0).toISOString() };
    case 'last7':
      return { from: localMidnight(now, 6).toISOString(), to: endOfHour.toISOString() };
    case 'last30':
      return { from: localMidnight(now, 29).toISOString(), to: endOfHour.toISOString() };
  }
}

/** The period of the same length just before `period`. */
export function previousPeriod(period: Period): Period {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  return { from: new Date(from - (to - from)).toISOString(), to: period.from };
}

/** Hourly points for a day or less, daily beyond. */
export function bucketFor(period: Period): 'hour' | 'day' {
  return Date.parse(period.to) - Date.parse(period.from) <= 2 * 24 * HOUR ? 'hour' : 'day';
}

/** The viewer's IANA time zone. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
