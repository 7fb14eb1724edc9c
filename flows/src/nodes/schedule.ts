import { DateTime, IANAZone } from 'luxon';
import { isKnownTimeZone } from '../util/time-zone.js';
import { z } from 'zod';
import { KeySchema } from '../document/common.js';
import { assertNever } from '../util/assert-never.js';
import { defineNode, type CompileContext } from './types.js';
import { INCIDENT_EMERGENCY_FLAG } from '../interpreter/incident.js';

/*
 * How a schedule decides, in this order:
 * 1. Emergency: the static `emergencyOverride`, an incident override in emergency mode (the built-in call flag
 *    `$incident`), or the call flag named by `emergencyFlag`, sends every call to `emergency`.
 * 2. Holidays cover their own local calendar date, 00:00–24:00. On a holiday the weekly hours do not apply at
 *    all (not even the tail of an overnight range that began the day before): inside the holiday's own hours
 *    the line is open, otherwise the call takes `holiday`. A one-off date beats a yearly one.
 * 3. Otherwise the weekly hours decide. A weekly range whose closing time is earlier than its opening time runs
 *    past midnight: Friday 22:00–06:00 is open from Friday 22:00 to Saturday 06:00. Sunday's overnight ranges
 *    continue into Monday.
 * Times are wall-clock times in the schedule's IANA zone, so opening hours follow daylight-saving changes.
 */

const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** How far `nextOpening` looks ahead: a little over a year, so yearly holidays are all seen once. */
const NEXT_OPENING_HORIZON_DAYS = 370;

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const WEEKDAY_TITLES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** The shape only; the compiler checks the values (SB121) so a typo gets a precise diagnostic, not a parse error. */
const ClockTimeSchema = z.string().regex(/^\d{1,2}:\d{2}$/, 'must be a time HH:MM');

export const OpeningHoursSchema = z.object({
  open: ClockTimeSchema,
  /** `24:00` closes at midnight; a time earlier than `open` closes the next day (weekly hours only). */
  close: ClockTimeSchema,
});
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

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
}

export type ScheduleOutlet = 'open' | 'closed' | 'holiday' | 'emergency';

/** Which way a schedule sends a call at a given time, and why (for the simulator and the designer preview). */
export interface ScheduleStatus {
  outlet: ScheduleOutlet;
  /** For people: `closed: holiday Christmas Day`, `open: Monday 08:00–12:00`. */
  reason: string;
  /** The holiday the date falls on, if any. */
  holiday: string | null;
  /** Wall-clock time in the schedule's zone, `2026-12-25T10:00`. */
  localTime: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar arithmetic on local day numbers (H. Hinnant's civil algorithms): no Date objects at step time.

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
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
function monthDayKey(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  return (mp < 10 ? mp + 3 : mp - 9) * 100 + doy - Math.floor((153 * mp + 2) / 5) + 1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Monday = 0 … Sunday = 6 for a local day number (1970-01-01 was a Thursday). */
function weekdayIndex(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------------------------------------------
// Compile

/** Minutes after midnight for `HH:MM`, `24:00` → 1440; null when not a time of day. */
function parseClockTime(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

/** `HH:MM` for minutes after midnight, 0–1440. */
function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

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
      ctx?.report('SB124', range.field, `${range.text} overlaps ${widest.text}`);
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
  if (open === null) ctx?.report('SB121', `${field}.open`, `"${hours.open}" is not a time of day (00:00–23:59)`);
  if (close === null) ctx?.report('SB121', `${field}.close`, `"${hours.close}" is not a time of day (00:00–24:00)`);
  if (open === null || close === null) return null;
  if (open === DAY_MINUTES) {
    ctx?.report('SB121', `${field}.open`, 'opening at 24:00 is the next day\'s 00:00; write 00:00 on the next day');
    return null;
  }
  if (open === close) {
    ctx?.report('SB121', field, `opens and closes at ${hours.open}; for the whole day write 00:00–24:00`);
    return null;
  }
  // Closing at 00:00 means midnight at the end of the day, not an overnight range.
  const end = close === 0 ? DAY_MINUTES : close;
  if (end < open && !allowOvernight) {
    ctx?.report('SB121', `${field}.close`, `closes at ${hours.close}, before it opens at ${hours.open}; holiday hours end by 24:00`);
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
    ctx?.report('SB120', 'timezone', `"${data.timezone}" is not an IANA time zone`);
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
      ctx?.report('SB122', `${field}.date`, `"${holiday.date}" is not a calendar date`);
      return;
    }
    const table = year === null ? yearly : dates;
    const key = year === null ? month * 100 + day : daysFromCivil(year, month, day);
    const earlier = table[key];
    if (earlier !== undefined) {
      ctx?.report('SB122', `${field}.date`, `${holiday.date} is listed twice (${holidays[earlier]?.name} and ${holiday.name}); the first one applies`, { severity: 'warning' });
      return;
    }
    table[key] = compiledIndex;
  });

  const emergencyFlag = data.emergencyFlag ?? null;
  if (data.emergencyOverride) {
    ctx?.report('SB123', 'emergencyOverride', 'the emergency override is on: every call takes the emergency route');
  } else if (weekly.length === 0) {
    ctx?.report('SB123', 'weekly', 'no weekly opening hours: outside holiday hours every call takes the closed route');
  }

  return { timezone: data.timezone, weekly, holidays, dates, yearly, emergencyOverride: data.emergencyOverride, emergencyFlag };
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluate

/** Decision codes, kept as small numbers so entering a schedule allocates nothing. */
const OPEN_WEEKLY = 0;
const OPEN_HOLIDAY_HOURS = 1;
const CLOSED = 2;
const HOLIDAY = 3;
const EMERGENCY_OVERRIDE = 4;
const EMERGENCY_FLAG = 5;
const EMERGENCY_INCIDENT = 6;
type Decision = typeof OPEN_WEEKLY | typeof OPEN_HOLIDAY_HOURS | typeof CLOSED | typeof HOLIDAY | typeof EMERGENCY_OVERRIDE | typeof EMERGENCY_FLAG | typeof EMERGENCY_INCIDENT;

const OUTLET_OF: Record<Decision, ScheduleOutlet> = ['open', 'open', 'closed', 'holiday', 'emergency', 'emergency', 'emergency'];

const OFFSET_BUCKET_MS = 15 * MINUTE_MS;
const OFFSET_CACHE_LIMIT = 4096;
/** Zone → 15-minute bucket → UTC offset in minutes. A memo, not state: the same inputs give the same answer. */
const offsetCache = new Map<string, Map<number, number>>();

function zoneOffset(zone: string, epochMs: number): number {
  const offset = IANAZone.create(zone).offset(epochMs);
  return Number.isFinite(offset) ? offset : 0;
}

/**
 * UTC offset of `zone` at `epochMs`, in minutes. Asking Intl (through luxon) costs microseconds, so offsets are
 * memoised per 15-minute bucket. A bucket is cached only when its first and last millisecond agree: no zone
 * changes its offset twice within 15 minutes, so the offset is then constant throughout.
 */
function cachedOffset(zone: string, epochMs: number): number {
  const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
  let buckets = offsetCache.get(zone);
  const cached = buckets?.get(bucket);
  if (cached !== undefined) return cached;
  const first = zoneOffset(zone, bucket * OFFSET_BUCKET_MS);
  const last = zoneOffset(zone, (bucket + 1) * OFFSET_BUCKET_MS - 1);
  if (first !== last) return zoneOffset(zone, epochMs);
  if (!buckets || buckets.size >= OFFSET_CACHE_LIMIT) {
    buckets = new Map();
    offsetCache.set(zone, buckets);
  }
  buckets.set(bucket, first);
  return first;
}

/** Local wall-clock minutes since 1970-01-01 00:00 in `zone`; UTC when the zone is unknown. */
function localMinutes(zone: string, epochMs: number): number {
  return Math.floor((epochMs + cachedOffset(zone, epochMs) * MINUTE_MS) / MINUTE_MS);
}

function holidayOn(config: ScheduleConfig, day: number): number {
  return config.dates[day] ?? config.yearly[monthDayKey(day)] ?? -1;
}

/** Index of the range in flat `[start, end, …]` containing `minute`, or -1. */
function rangeContaining(ranges: readonly number[], minute: number): number {
  for (let i = 0; i < ranges.length; i += 2) {
    if (minute < (ranges[i] as number)) return -1;
    if (minute < (ranges[i + 1] as number)) return i;
  }
  return -1;
}

function decide(config: ScheduleConfig, local: number, flags: Readonly<Record<string, boolean>>): Decision {
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
  return rangeContaining(config.weekly, weekdayIndex(day) * DAY_MINUTES + minuteOfDay) >= 0 ? OPEN_WEEKLY : CLOSED;
}

/** `Monday 08:00–12:00`, or `Friday 22:00–Saturday 06:00` for a range past midnight. */
function describeWeekRange(start: number, end: number): string {
  const startDay = Math.floor(start / DAY_MINUTES);
  const endDay = Math.floor((end - 1) / DAY_MINUTES);
  const from = `${WEEKDAY_TITLES[startDay]} ${clock(start - startDay * DAY_MINUTES)}`;
  const to = clock(end - endDay * DAY_MINUTES);
  return startDay === endDay ? `${from}–${to}` : `${from}–${WEEKDAY_TITLES[endDay]} ${to}`;
}

function localIso(local: number): string {
  const day = Math.floor(local / DAY_MINUTES);
  const { year, month, day: dayOfMonth } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}T${clock(local - day * DAY_MINUTES)}`;
}

/**
 * Which outlet a schedule takes at `epochMs` and why: the simulator and the designer preview show it
 * ("closed: holiday Christmas Day"). `flags` are the call's operational flags (`{ emergency: true }`).
 */
export function scheduleStatusAt(config: ScheduleConfig, epochMs: number, flags: Readonly<Record<string, boolean>> = {}): ScheduleStatus {
  const local = localMinutes(config.timezone, epochMs);
  const decision = decide(config, local, flags);
  const day = Math.floor(local / DAY_MINUTES);
  const minuteOfDay = local - day * DAY_MINUTES;
  const holidayIndex = holidayOn(config, day);
  const holiday = holidayIndex >= 0 ? (config.holidays[holidayIndex] ?? null) : null;
  let reason: string;
  switch (decision) {
    case OPEN_WEEKLY: {
      const minuteOfWeek = weekdayIndex(day) * DAY_MINUTES + minuteOfDay;
      const at = rangeContaining(config.weekly, minuteOfWeek);
      reason = `open: ${describeWeekRange(config.weekly[at] as number, config.weekly[at + 1] as number)}`;
      break;
    }
    case OPEN_HOLIDAY_HOURS: {
      const hours = holiday?.hours ?? [];
      const at = rangeContaining(hours, minuteOfDay);
      reason = `open: ${holiday?.name} hours ${clock(hours[at] as number)}–${clock(hours[at + 1] as number)}`;
      break;
    }
    case CLOSED:
      reason = 'closed: outside opening hours';
      break;
    case HOLIDAY:
      reason = `closed: holiday ${holiday?.name}`;
      break;
    case EMERGENCY_OVERRIDE:
      reason = 'emergency: the emergency override is on';
      break;
    case EMERGENCY_FLAG:
      reason = `emergency: flag "${config.emergencyFlag}" is set`;
      break;
    case EMERGENCY_INCIDENT:
      reason = 'emergency: an incident override is on';
      break;
    default:
      return assertNever(decision, 'schedule decision');
  }
  return { outlet: OUTLET_OF[decision], reason, holiday: holiday?.name ?? null, localTime: localIso(local) };
}

/** Open ranges of one local date as flat `[start, end, …]` minutes of that day. */
function openRangesOn(config: ScheduleConfig, day: number): number[] {
  const holiday = holidayOn(config, day);
  if (holiday >= 0) return config.holidays[holiday]?.hours ?? [];
  const dayStart = weekdayIndex(day) * DAY_MINUTES;
  const out: number[] = [];
  for (let i = 0; i < config.weekly.length; i += 2) {
    const start = Math.max(config.weekly[i] as number, dayStart);
    const end = Math.min(config.weekly[i + 1] as number, dayStart + DAY_MINUTES);
    if (start < end) out.push(start - dayStart, end - dayStart);
  }
  return out;
}

/**
 * The next time (epoch ms) the line is open, at or after `epochMs`, for "we open at 9:00 tomorrow" messages;
 * `epochMs` itself when it is open now, null when it does not open within about a year. Emergency overrides
 * are not predicted: nobody knows when an incident ends.
 */
export function nextOpening(config: ScheduleConfig, epochMs: number): number | null {
  const noFlags = {};
  const calm: ScheduleConfig = config.emergencyOverride ? { ...config, emergencyOverride: false } : config;
  const isOpen = (at: number) => OUTLET_OF[decide(calm, localMinutes(calm.timezone, at), noFlags)] === 'open';
  if (isOpen(epochMs)) return epochMs;
  const zone = isKnownTimeZone(calm.timezone) ? calm.timezone : 'UTC';
  const local = localMinutes(calm.timezone, epochMs);
  const today = Math.floor(local / DAY_MINUTES);
  const nowMinute = local - today * DAY_MINUTES;
  for (let day = today; day <= today + NEXT_OPENING_HORIZON_DAYS; day++) {
    const ranges = openRangesOn(calm, day);
    const { year, month, day: dayOfMonth } = civilFromDays(day);
    for (let i = 0; i < ranges.length; i += 2) {
      const end = ranges[i + 1] as number;
      if (day === today && end <= nowMinute) continue;
      const minute = day === today ? Math.max(ranges[i] as number, nowMinute) : (ranges[i] as number);
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
 * hours) and an emergency switch. Decides at the time of the call (`ctx.now`), never from a clock.
 */
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
  enter: (node, ctx) => {
    const config = node.config;
    // The branch and why ("closed: holiday Christmas Day") go into the visit record.
    const status = scheduleStatusAt(config, ctx.now, ctx.state.call.flags);
    return { kind: 'next', outlet: status.outlet, reason: `${status.reason} at ${status.localTime} ${config.timezone}` };
  },
});
