import type { FlowNodeOf } from '@switchboard/flows';

type ScheduleData = FlowNodeOf<'schedule'>['data'];
type Weekday = keyof ScheduleData['weekly'];
type OpeningHours = ScheduleData['weekly'][Weekday][number];

export interface TodaysHours {
  /** The schedule's local weekday today. */
  weekday: Weekday;
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  /** The holiday today is, if any (its own hours then replace the weekly ones). */
  holiday: string | null;
  hours: OpeningHours[];
}

const WEEKDAY_BY_NAME: Record<string, Weekday> = {
  Monday: 'monday',
  Tuesday: 'tuesday',
  Wednesday: 'wednesday',
  Thursday: 'thursday',
  Friday: 'friday',
  Saturday: 'saturday',
  Sunday: 'sunday',
};

/**
 * Today's opening hours in the schedule's own time zone, for the canvas summary ("Today (Tue): 09:00–17:00").
 * Null when the zone is not a valid IANA zone (the validation panel reports that).
 */
export function todaysHours(data: ScheduleData, now: number): TodaysHours | null {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: data.timezone, weekday: 'long', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  } catch {
    return null;
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = WEEKDAY_BY_NAME[part('weekday')];
  if (!weekday) return null;
  const monthDay = `${part('month')}-${part('day')}`;
  const date = `${part('year')}-${monthDay}`;
  const holiday = data.holidays.find((h) => h.date === date) ?? data.holidays.find((h) => h.date === monthDay);
  if (holiday) return { weekday, date, holiday: holiday.name, hours: holiday.hours };
  return { weekday, date, holiday: null, hours: data.weekly[weekday] };
}
