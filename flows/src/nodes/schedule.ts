import { DateTime } from 'luxon';
import { isKnownTimeZone } from '../util/time-zone.js';
import { z } from 'zod';
import { KeySchema } from '../document/common.js';
import { assertNever } from '../util/assert-never.js';
import type { CompiledCalendar } from '../calendars/compiled.js';
import {
  civilFromDays,
  clock,
  DAY_MINUTES,
  daysFromCivil,
  daysInMonth,
  MINUTE_MS,
  monthDayKey,
  parseClockTime,
  rangeContaining,
  WEEK_MINUTES,
  WEEKDAY_TITLES,
  WEEKDAYS,
  weekdayIndex,
  weekdayRanges,
} from '../calendars/day-numbers.js';
import { decidingCalendarEntry, type CalendarHit } from '../calendars/evaluate.js';
import { localMinutes } from '../calendars/local-time.js';
import { CalendarNameSchema, OpeningHoursSchema, type OpeningHours } from '../calendars/schema.js';
import type { Effect } from '../interpreter/effects.js';
import { defineNode, type CompileContext } from './types.js';
import { INCIDENT_EMERGENCY_FLAG } from '../interpreter/incident.js';
import { because, renderSaid, say, type ReasonId, type Said } from '../interpreter/reasons.js';

export { OpeningHoursSchema, WEEKDAYS, type OpeningHours };
export type { Weekday } from '../calendars/day-numbers.js';

/*
 * How a schedule decides, in this order (flows/src/calendars/README.md has the calendar side):
 * 1. Emergency: the static `emergencyOverride`, an incident override in emergency mode (the built-in call flag
 *    `$incident`), or the call flag named by `emergencyFlag`, sends every call to `emergency`.
 * 2. The node's own holidays cover their own local calendar date, 00:00–24:00. On a holiday the weekly hours do
 *    not apply at all (not even the tail of an overnight range that began the day before): inside the holiday's
 *    own hours the line is open, otherwise the call takes `holiday`. A one-off date beats a yearly one. They come
 *    before calendars: they were written for this flow.
 * 3. Calendars named in `calendars` (shared resources, several per node): an entry covers its whole day on the
 *    calendar's clock. Closed → `holiday`; special hours → open inside them, else `holiday`; make-up working day →
 *    open inside the named weekday's weekly hours (or its own hours), else `closed`. When several calendars have
 *    an entry that day the most restrictive kind wins (closed > special hours > make-up day), then the calendar
 *    listed first. A calendar the call was not given (deleted, not loaded) is left out and reported.
 * 4. Otherwise the weekly hours decide. A weekly range whose closing time is earlier than its opening time runs
 *    past midnight: Friday 22:00–06:00 is open from Friday 22:00 to Saturday 06:00. Sunday's overnight ranges
 *    continue into Monday.
 * Times are wall-clock times in the schedule's IANA zone, so opening hours follow daylight-saving changes.
 */

const DAY_MS = 86_400_000;
/** How far `nextOpening` looks ahead: a little over a year, so yearly holidays are all seen once. */
const NEXT_OPENING_HORIZON_DAYS = 370;


const DayHoursSchema = z.array(OpeningHoursSchema).max(12).default([]);

export const WeeklyHoursSchema = z.object({
  monday: DayHoursSchema,
  tuesday: DayHoursSchema,
  wednesday: DayHoursSchema,
  thursday: DayHoursSchema,
  friday: DayHoursSchema,
  saturday: DayHoursSchema,
  sunday: DayHoursSchema,
});
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;

export const HolidaySchema = z.object({
  name: z.string().min(1, 'must not be empty').max(80),
  /** `YYYY-MM-DD` for one date, `MM-DD` for every year. */
  date: z.string().regex(/^(\d{4}-)?\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD or MM-DD'),
  /** Partial-day opening (Christmas Eve 09:00–13:00); empty means closed all day. */
  hours: z.array(OpeningHoursSchema).max(12).default([]),
});
export type Holiday = z.infer<typeof HolidaySchema>;

export const ScheduleDataSchema = z.object({
  /** IANA time zone the hours are written in, e.g. `Europe/London`. */
  timezone: z.string().min(1).max(64),
  weekly: WeeklyHoursSchema,
  holidays: z.array(HolidaySchema).max(1000).default([]),
  /** Send every call to the emergency route (republish to change). */
  emergencyOverride: z.boolean().default(false),
  /** Call flag that switches the emergency route on without republishing, e.g. `emergency`. */
  emergencyFlag: KeySchema.optional(),
  /**
   * Shared calendars by name (`CN-2027`, `Company`), evaluated after the node's own holidays. Several per node; a
   * change to a calendar needs no new flow version. Listed first wins between entries of the same kind.
   */
  calendars: z.array(CalendarNameSchema).max(20, 'at most 20 calendars per schedule').default([]),
});
export type ScheduleData = z.infer<typeof ScheduleDataSchema>;

interface CompiledHoliday {
  name: string;
  /** Open ranges as flat `[start, end, …]` minutes of the day, sorted and merged. */
  hours: number[];
}

/** What the interpreter reads: minutes-of-week ranges and holiday lookup tables. Plain JSON. */
export interface ScheduleConfig {
  timezone: string;
  /** Open ranges as flat `[start, end, …]` minutes of the week (0 = Monday 00:00), sorted and merged. */
  weekly: number[];
  holidays: CompiledHoliday[];
  /** Local day number (days since 1970-01-01) → holiday index, for one-off dates. */
  dates: Record<string, number>;
  /** `month * 100 + day` → holiday index, for yearly dates. */
  yearly: Record<string, number>;
  emergencyOverride: boolean;
  emergencyFlag: string | null;
  /** Calendar names in priority order; absent when none (keeps older flows' compiled bytes and hashes). */
  calendars?: string[];
}

export type ScheduleOutlet = 'open' | 'closed' | 'holiday' | 'emergency';

/** Which way a schedule sends a call at a given time, and why (for the simulator and the designer preview). */
export interface ScheduleStatus {
  outlet: ScheduleOutlet;
  /** For people: `closed: holiday Christmas Day`, `open: Monday 08:00–12:00`. */
  reason: string;
  /** `reason` by message id and values, for a UI to say in its language. */
  said: Said;
  /** The holiday the date falls on, if any. */
  holiday: string | null;
  /** Wall-clock time in the schedule's zone, `2026-12-25T10:00`. */
  localTime: string;
  /** The calendar revision whose entry decided, if one did. */
  calendar: { name: string; revision: number; entry: string } | null;
  /** Calendars the schedule names that the call was not given: left out of the decision. */
  missingCalendars: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Compile

interface LabelledRange {
  start: number;
  end: number;
  field: string;
  text: string;
}

/** Report overlaps (SB124) and return the ranges sorted and merged as a flat `[start, end, …]` list. */
function mergeRanges(ranges: LabelledRange[], ctx: CompileContext | null): number[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const flat: number[] = [];
  let widest: LabelledRange | null = null;
  for (const range of sorted) {
    if (widest && range.start < widest.end) {
      ctx?.report('SB124.overlap', range.field, { range: range.text, other: widest.text });
    }
    if (!widest || range.end > widest.end) widest = range;
    const last = flat.length - 1;
    if (last > 0 && range.start <= (flat[last] as number)) flat[last] = Math.max(flat[last] as number, range.end);
    else flat.push(range.start, range.end);
  }
  return flat;
}

/** Check one `open`–`close` pair; returns minutes or null after reporting SB121. */
function checkHours(hours: OpeningHours, field: string, ctx: CompileContext | null, allowOvernight: boolean): { open: number; close: number } | null {
  const open = parseClockTime(hours.open);
  const close = parseClockTime(hours.close);
  if (open === null) ctx?.report('SB121.openNotTime', `${field}.open`, { open: hours.open });
  if (close === null) ctx?.report('SB121.closeNotTime', `${field}.close`, { close: hours.close });
  if (open === null || close === null) return null;
  if (open === DAY_MINUTES) {
    ctx?.report('SB121.opensAt24', `${field}.open`, {});
    return null;
  }
  if (open === close) {
    ctx?.report('SB121.opensWhenCloses', field, { open: hours.open });
    return null;
  }
  // Closing at 00:00 means midnight at the end of the day, not an overnight range.
  const end = close === 0 ? DAY_MINUTES : close;
  if (end < open && !allowOvernight) {
    ctx?.report('SB121.holidayClosesBeforeOpen', `${field}.close`, { close: hours.close, open: hours.open });
    return null;
  }
  return { open, close: end };
}

/**
 * Check schedule data and build the lookup tables the interpreter uses. Diagnostics go to `ctx` when given
 * (the node's compile step); the designer preview may pass null and use the result directly.
 */
export function compileSchedule(data: ScheduleData, ctx: CompileContext | null = null): ScheduleConfig {
  if (!isKnownTimeZone(data.timezone)) {
    ctx?.report('SB120.unknownTimezone', 'timezone', { timezone: data.timezone });
  }

  const weeklyRanges: LabelledRange[] = [];
  WEEKDAYS.forEach((weekday, dayIndex) => {
    data.weekly[weekday].forEach((hours, index) => {
      const field = `weekly.${weekday}[${index}]`;
      const checked = checkHours(hours, field, ctx, true);
      if (!checked) return;
      const text = `${WEEKDAY_TITLES[dayIndex]} ${hours.open}–${hours.close}`;
      const start = dayIndex * DAY_MINUTES + checked.open;
      const end = dayIndex * DAY_MINUTES + (checked.close > checked.open ? checked.close : DAY_MINUTES + checked.close);
      if (end <= WEEK_MINUTES) weeklyRanges.push({ start, end, field, text });
      else {
        // Sunday night into Monday morning: the week wraps.
        weeklyRanges.push({ start, end: WEEK_MINUTES, field, text });
        weeklyRanges.push({ start: 0, end: end - WEEK_MINUTES, field, text });
      }
    });
  });
  const weekly = mergeRanges(weeklyRanges, ctx);

  const holidays: CompiledHoliday[] = [];
  const dates: Record<string, number> = {};
  const yearly: Record<string, number> = {};
  data.holidays.forEach((holiday, index) => {
    const field = `holidays[${index}]`;
    const ranges: LabelledRange[] = [];
    holiday.hours.forEach((hours, h) => {
      const checked = checkHours(hours, `${field}.hours[${h}]`, ctx, false);
      if (checked) ranges.push({ start: checked.open, end: checked.close, field: `${field}.hours[${h}]`, text: `${holiday.name} ${hours.open}–${hours.close}` });
    });
    const compiledIndex = holidays.length;
    holidays.push({ name: holiday.name, hours: mergeRanges(ranges, ctx) });

    const match = /^(?:(\d{4})-)?(\d{2})-(\d{2})$/.exec(holiday.date);
    const year = match?.[1] === undefined ? null : Number(match[1]);
    const month = Number(match?.[2]);
    const day = Number(match?.[3]);
    // Yearly dates are checked against a leap year so 02-29 is allowed.
    if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year ?? 2024, month)) {
      ctx?.report('SB122.notADate', `${field}.date`, { date: holiday.date });
      return;
    }
    const table = year === null ? yearly : dates;
    const key = year === null ? month * 100 + day : daysFromCivil(year, month, day);
    const earlier = table[key];
    if (earlier !== undefined) {
      ctx?.report('SB122.listedTwice', `${field}.date`, { date: holiday.date, first: String(holidays[earlier]?.name), second: holiday.name }, { severity: 'warning' });
      return;
    }
    table[key] = compiledIndex;
  });

  const emergencyFlag = data.emergencyFlag ?? null;
  if (data.emergencyOverride) {
    ctx?.report('SB123.emergencyOverride', 'emergencyOverride', {});
  } else if (weekly.length === 0) {
    ctx?.report('SB123.noWeeklyHours', 'weekly', {});
  }

  const calendars = data.calendars ?? [];
  calendars.forEach((name, index) => {
    if (calendars.indexOf(name) !== index) ctx?.report('SB138.listedTwice', `calendars[${index}]`, { calendar: name });
  });
  const config: ScheduleConfig = { timezone: data.timezone, weekly, holidays, dates, yearly, emergencyOverride: data.emergencyOverride, emergencyFlag };
  if (calendars.length > 0) config.calendars = [...new Set(calendars)];
  return config;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluate

/** Decision codes, kept as small numbers so entering a schedule allocates little. */
const OPEN_WEEKLY = 0;
const OPEN_HOLIDAY_HOURS = 1;
const CLOSED = 2;
const HOLIDAY = 3;
const EMERGENCY_OVERRIDE = 4;
const EMERGENCY_FLAG = 5;
const CALENDAR_CLOSED = 6;
const CALENDAR_HOURS_OPEN = 7;
const CALENDAR_HOURS_OUTSIDE = 8;
const WORKDAY_OPEN = 9;
const WORKDAY_OUTSIDE = 10;
const EMERGENCY_INCIDENT = 11;
type Decision =
  | typeof OPEN_WEEKLY
  | typeof OPEN_HOLIDAY_HOURS
  | typeof CLOSED
  | typeof HOLIDAY
  | typeof EMERGENCY_OVERRIDE
  | typeof EMERGENCY_FLAG
  | typeof CALENDAR_CLOSED
  | typeof CALENDAR_HOURS_OPEN
  | typeof CALENDAR_HOURS_OUTSIDE
  | typeof WORKDAY_OPEN
  | typeof WORKDAY_OUTSIDE
  | typeof EMERGENCY_INCIDENT;

const OUTLET_OF: Record<Decision, ScheduleOutlet> = ['open', 'open', 'closed', 'holiday', 'emergency', 'emergency', 'holiday', 'open', 'holiday', 'open', 'closed', 'emergency'];

/** Decisions a calendar entry made. */
const BY_CALENDAR: ReadonlySet<Decision> = new Set([CALENDAR_CLOSED, CALENDAR_HOURS_OPEN, CALENDAR_HOURS_OUTSIDE, WORKDAY_OPEN, WORKDAY_OUTSIDE]);

function holidayOn(config: ScheduleConfig, day: number): number {
  return config.dates[day] ?? config.yearly[monthDayKey(day)] ?? -1;
}

/** Open ranges (minutes of the day) a calendar entry gives its day: its own hours, or a weekday's weekly hours. */
function calendarOpenRanges(config: ScheduleConfig, hit: CalendarHit): readonly number[] {
  return hit.entry.as >= 0 ? weekdayRanges(config.weekly, hit.entry.as) : hit.entry.hours;
}

function decideCalendar(config: ScheduleConfig, hit: CalendarHit): Decision {
  switch (hit.entry.kind) {
    case 'closed':
      return CALENDAR_CLOSED;
    case 'hours':
      return rangeContaining(hit.entry.hours, hit.minuteOfDay) >= 0 ? CALENDAR_HOURS_OPEN : CALENDAR_HOURS_OUTSIDE;
    case 'workday':
      return rangeContaining(calendarOpenRanges(config, hit), hit.minuteOfDay) >= 0 ? WORKDAY_OPEN : WORKDAY_OUTSIDE;
    default:
      return assertNever(hit.entry.kind, 'calendar entry kind');
  }
}

function decide(config: ScheduleConfig, local: number, flags: Readonly<Record<string, boolean>>, hit: CalendarHit | null): Decision {
  if (config.emergencyOverride) return EMERGENCY_OVERRIDE;
  if (flags[INCIDENT_EMERGENCY_FLAG] === true) return EMERGENCY_INCIDENT;
  if (config.emergencyFlag !== null && flags[config.emergencyFlag] === true) return EMERGENCY_FLAG;
  const day = Math.floor(local / DAY_MINUTES);
  const minuteOfDay = local - day * DAY_MINUTES;
  const holiday = holidayOn(config, day);
  if (holiday >= 0) {
    const hours = config.holidays[holiday]?.hours ?? [];
    return rangeContaining(hours, minuteOfDay) >= 0 ? OPEN_HOLIDAY_HOURS : HOLIDAY;
  }
  if (hit !== null) return decideCalendar(config, hit);
  return rangeContaining(config.weekly, weekdayIndex(day) * DAY_MINUTES + minuteOfDay) >= 0 ? OPEN_WEEKLY : CLOSED;
}

/** `open: Monday 08:00–12:00`, or `open: Friday 22:00–Saturday 06:00` for a range past midnight. */
function openWeekly(start: number, end: number): Said {
  const startDay = Math.floor(start / DAY_MINUTES);
  const endDay = Math.floor((end - 1) / DAY_MINUTES);
  const from = clock(start - startDay * DAY_MINUTES);
  const to = clock(end - endDay * DAY_MINUTES);
  const day = weekday(startDay);
  return startDay === endDay ? say('schedule.openWeekly', { day, from, to }) : say('schedule.openWeeklyOvernight', { day, from, toDay: weekday(endDay), to });
}

function weekday(index: number): Said {
  return say(`weekday.${index}` as ReasonId);
}

function localIso(local: number): string {
  const day = Math.floor(local / DAY_MINUTES);
  const { year, month, day: dayOfMonth } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}T${clock(local - day * DAY_MINUTES)}`;
}

function hoursText(ranges: readonly number[]): string | Said {
  const parts: string[] = [];
  for (let i = 0; i < ranges.length; i += 2) parts.push(`${clock(ranges[i] as number)}–${clock(ranges[i + 1] as number)}`);
  return parts.length > 0 ? parts.join(', ') : say('schedule.noHours');
}

/**
 * The calendars a schedule names, as the call has them: `lookup` answers a name with the revision the call
 * pinned (the runtime's and simulator's `Program.calendars`). Names it cannot answer are `missing`.
 */
export function resolveScheduleCalendars(config: ScheduleConfig, lookup: (name: string) => CompiledCalendar | undefined): { calendars: CompiledCalendar[]; missing: string[] } {
  const calendars: CompiledCalendar[] = [];
  const missing: string[] = [];
  for (const name of config.calendars ?? []) {
    const calendar = lookup(name);
    if (calendar) calendars.push(calendar);
    else missing.push(name);
  }
  return { calendars, missing };
}

/**
 * Which outlet a schedule takes at `epochMs` and why: the simulator and the designer preview show it
 * ("closed: holiday Christmas Day", "holiday: Spring Festival (calendar CN-2027 rev 3)"). `flags` are the call's
 * operational flags (`{ emergency: true }`); `calendars` the revisions of the calendars the schedule names, in its
 * order (see {@link resolveScheduleCalendars}); `missingCalendars` are named in the status, never fatal.
 */
export function scheduleStatusAt(
  config: ScheduleConfig,
  epochMs: number,
  flags: Readonly<Record<string, boolean>> = {},
  calendars: readonly CompiledCalendar[] = [],
  missingCalendars: readonly string[] = [],
): ScheduleStatus {
  const local = localMinutes(config.timezone, epochMs);
  const hit = calendars.length > 0 ? decidingCalendarEntry(calendars, epochMs) : null;
  const decision = decide(config, local, flags, hit);
  const day = Math.floor(local / DAY_MINUTES);
  const minuteOfDay = local - day * DAY_MINUTES;
  const holidayIndex = holidayOn(config, day);
  const holiday = holidayIndex >= 0 ? (config.holidays[holidayIndex] ?? null) : null;
  const source = hit ? say('schedule.source', { calendar: hit.calendar.name, revision: hit.calendar.revision }) : say('schedule.noSource');
  const entry = hit?.entry.name ?? '';
  let said: Said;
  switch (decision) {
    case OPEN_WEEKLY: {
      const minuteOfWeek = weekdayIndex(day) * DAY_MINUTES + minuteOfDay;
      const at = rangeContaining(config.weekly, minuteOfWeek);
      said = openWeekly(config.weekly[at] as number, config.weekly[at + 1] as number);
      break;
    }
    case OPEN_HOLIDAY_HOURS: {
      const hours = holiday?.hours ?? [];
      const at = rangeContaining(hours, minuteOfDay);
      said = say('schedule.openHolidayHours', { holiday: holiday?.name ?? '', from: clock(hours[at] as number), to: clock(hours[at + 1] as number) });
      break;
    }
    case CLOSED:
      said = say('schedule.closed');
      break;
    case HOLIDAY:
      said = say('schedule.holiday', { holiday: holiday?.name ?? '' });
      break;
    case EMERGENCY_OVERRIDE:
      said = say('schedule.emergencyOverride');
      break;
    case EMERGENCY_FLAG:
      said = say('schedule.emergencyFlag', { flag: config.emergencyFlag ?? '' });
      break;
    case EMERGENCY_INCIDENT:
      said = say('schedule.emergencyIncident');
      break;
    case CALENDAR_CLOSED:
      said = say('schedule.calendarClosed', { entry, source });
      break;
    case CALENDAR_HOURS_OPEN:
      said = say('schedule.calendarOpen', { entry, hours: hoursText(hit?.entry.hours ?? []), source });
      break;
    case CALENDAR_HOURS_OUTSIDE:
      said = say('schedule.calendarOutside', { entry, hours: hoursText(hit?.entry.hours ?? []), source });
      break;
    case WORKDAY_OPEN:
    case WORKDAY_OUTSIDE: {
      const ranges = hit ? calendarOpenRanges(config, hit) : [];
      const open = decision === WORKDAY_OPEN;
      const hours = hoursText(ranges);
      said =
        hit && hit.entry.as >= 0
          ? say(open ? 'schedule.workdayOpenAs' : 'schedule.workdayClosedAs', { entry, day: weekday(hit.entry.as), hours, source })
          : say(open ? 'schedule.workdayOpen' : 'schedule.workdayClosed', { entry, hours, source });
      break;
    }
    default:
      return assertNever(decision, 'schedule decision');
  }
  if (missingCalendars.length > 0) said = say('schedule.calendarsLeftOut', { status: said, calendars: missingCalendars.map((name) => `"${name}"`).join(', ') });
  return {
    outlet: OUTLET_OF[decision],
    reason: renderSaid(said),
    said,
    holiday: holiday?.name ?? (hit && hit.entry.kind !== 'workday' ? hit.entry.name : null),
    localTime: localIso(local),
    calendar: hit && BY_CALENDAR.has(decision) ? { name: hit.calendar.name, revision: hit.calendar.revision, entry: hit.entry.name } : null,
    missingCalendars: [...missingCalendars],
  };
}

/**
 * Open ranges of one local date as flat `[start, end, …]` minutes of that day: the candidates `nextOpening` tries.
 * Calendar entries are looked up on the schedule's own date (exact when calendar and schedule share a zone; the
 * final check of each candidate is the full decision either way).
 */
function openRangesOn(config: ScheduleConfig, day: number, calendars: readonly CompiledCalendar[]): readonly number[] {
  const holiday = holidayOn(config, day);
  if (holiday >= 0) return config.holidays[holiday]?.hours ?? [];
  const out: number[] = [...weekdayRanges(config.weekly, weekdayIndex(day))];
  for (const calendar of calendars) {
    const index = calendar.dates[day] ?? calendar.yearly[monthDayKey(day)];
    const entry = index === undefined ? undefined : calendar.entries[index];
    if (entry) out.push(...(entry.as >= 0 ? weekdayRanges(config.weekly, entry.as) : entry.hours));
  }
  // Midnight is a candidate too: a calendar day in another zone may start open.
  if (calendars.length > 0) out.push(0, DAY_MINUTES);
  return out;
}

/**
 * The next time (epoch ms) the line is open, at or after `epochMs`, for "we open at 9:00 tomorrow" messages;
 * `epochMs` itself when it is open now, null when it does not open within about a year. Emergency overrides
 * are not predicted: nobody knows when an incident ends.
 */
export function nextOpening(config: ScheduleConfig, epochMs: number, calendars: readonly CompiledCalendar[] = []): number | null {
  const noFlags = {};
  const calm: ScheduleConfig = config.emergencyOverride ? { ...config, emergencyOverride: false } : config;
  const isOpen = (at: number) =>
    OUTLET_OF[decide(calm, localMinutes(calm.timezone, at), noFlags, calendars.length > 0 ? decidingCalendarEntry(calendars, at) : null)] === 'open';
  if (isOpen(epochMs)) return epochMs;
  const zone = isKnownTimeZone(calm.timezone) ? calm.timezone : 'UTC';
  const local = localMinutes(calm.timezone, epochMs);
  const today = Math.floor(local / DAY_MINUTES);
  const nowMinute = local - today * DAY_MINUTES;
  for (let day = today; day <= today + NEXT_OPENING_HORIZON_DAYS; day++) {
    const ranges = openRangesOn(calm, day, calendars);
    const starts: number[] = [];
    for (let i = 0; i < ranges.length; i += 2) {
      const end = ranges[i + 1] as number;
      if (day === today && end <= nowMinute) continue;
      starts.push(day === today ? Math.max(ranges[i] as number, nowMinute) : (ranges[i] as number));
    }
    starts.sort((a, b) => a - b);
    const { year, month, day: dayOfMonth } = civilFromDays(day);
    for (const minute of starts) {
      let at = DateTime.fromObject({ year, month, day: dayOfMonth, hour: Math.floor(minute / 60), minute: minute % 60 }, { zone }).toMillis();
      const skipped = localMinutes(zone, at) - (day * DAY_MINUTES + minute);
      if (skipped > 0) {
        // The wall time fell into a daylight-saving gap and luxon moved it past the gap; the line really opens
        // when the clocks jump, somewhere in the skipped stretch.
        let closed = at - skipped * MINUTE_MS;
        while (at - closed > MINUTE_MS) {
          const middle = closed + Math.floor((at - closed) / 2 / MINUTE_MS) * MINUTE_MS;
          if (isOpen(middle)) at = middle;
          else closed = middle;
        }
      }
      if (at >= epochMs && isOpen(at)) return at;
    }
  }
  return null;
}

/**
 * Routes by time: weekly opening hours in a time zone, holidays (one-off and yearly, with optional partial-day
 * hours), shared calendars by name and an emergency switch. Decides at the time of the call (`ctx.now`), never
 * from a clock; calendars come from the call's program (pinned at its start), never from I/O.
 */
const NO_CALENDARS = { calendars: [] as CompiledCalendar[], missing: [] as string[] };

export const scheduleNode = defineNode({
  type: 'schedule',
  title: 'Schedule',
  description: 'Routes by opening hours, holidays and an emergency switch, in the schedule\'s time zone.',
  category: 'routing',
  dataSchema: ScheduleDataSchema,
  defaults: () => {
    const weekday = () => [{ open: '09:00', close: '17:00' }];
    return {
      timezone: 'Europe/London',
      weekly: { monday: weekday(), tuesday: weekday(), wednesday: weekday(), thursday: weekday(), friday: weekday(), saturday: [], sunday: [] },
      holidays: [
        { name: 'Christmas Day', date: '12-25', hours: [] },
        { name: "New Year's Day", date: '01-01', hours: [] },
      ],
      emergencyOverride: false,
      emergencyFlag: 'emergency',
      calendars: [],
    };
  },
  outlets: () => [
    { name: 'open', label: 'Open' },
    { name: 'closed', label: 'Closed' },
    { name: 'holiday', label: 'Holiday', fallback: 'closed' },
    { name: 'emergency', label: 'Emergency', fallback: 'closed' },
  ],
  callerFacing: false,
  waitsForCaller: false,
  requirements: () => [],
  compile: (data, ctx) => compileSchedule(data, ctx),
  calendars: (data) => data.calendars ?? [],
  enter: (node, ctx) => {
    const config = node.config;
    const { calendars, missing } = config.calendars ? resolveScheduleCalendars(config, (name) => ctx.calendar(name)) : NO_CALENDARS;
    // The branch and why ("holiday: Spring Festival (calendar CN-2027 rev 3)") go into the visit record.
    const status = scheduleStatusAt(config, ctx.now, ctx.state.call.flags, calendars, missing);
    const why = because('schedule.at', { status: status.said, time: status.localTime, timezone: config.timezone });
    if (missing.length === 0) return { kind: 'next', outlet: status.outlet, ...why };
    const effects: Effect[] = missing.map((calendar) => ({
      kind: 'calendarMissing',
      nodeId: node.id,
      calendar,
      reason: `schedule ${node.id} names calendar "${calendar}", which this call does not have; decided without it`,
    }));
    return { kind: 'next', outlet: status.outlet, ...why, effects };
  },
});
