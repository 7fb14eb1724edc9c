import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { canonicalTimeZone } from '../../util/time-zone.js';
import { clock, civilFromDays, daysFromCivil, WEEKDAYS } from '../day-numbers.js';
import type { Weekday } from '../day-numbers.js';
import { CALENDAR_SCHEMA_VERSION, type CalendarDocument, type CalendarEntry } from '../schema.js';

/** An entry before its dates are known. */
type UndatedEntry = CalendarEntry extends infer E ? (E extends CalendarEntry ? Omit<E, 'date' | 'until'> : never) : never;

/*
 * How an .ics file becomes calendar entries (documented in flows/src/calendars/README.md):
 * - An all-day event (DTSTART;VALUE=DATE) closes its days (DTEND is exclusive), or — when its title says so
 *   ("make-up working day", "补班", "上班") — is a make-up working day with Monday's hours.
 * - A timed event gives its day special opening hours: open from its start to its end, read on the calendar's
 *   clock after converting from its TZID (an IANA name, or a VTIMEZONE of the file such as Outlook's
 *   "China Standard Time"); an event crossing midnight there is skipped with a warning.
 * - RRULE:FREQ=YEARLY (interval 1, no COUNT/UNTIL/BYDAY, no EXDATE) on a date becomes a yearly entry; any other rule
 *   is expanded into one-off entries over the horizon (`from`, `years`), leaving out EXDATEs; an event with
 *   RECURRENCE-ID replaces that occurrence.
 * - Switchboard's own exports carry X-SWITCHBOARD-KIND / X-SWITCHBOARD-AS, so export → import is exact.
 * Anything skipped is a warning naming its line and UID; nothing is saved until the person has seen the result.
 */

/** One event of the file and what it became. */
export interface UnderstoodEvent {
  /** Line of its `BEGIN:VEVENT` (1-based). */
  line: number;
  uid: string | null;
  summary: string;
  /** Indices into the document's entries. */
  entries: number[];
  /** For people: `closed 2027-02-06 – 2027-02-12`, `every year 12-25`, `open 09:00–15:00 on 2026-12-24`. */
  understood: string;
}

export interface IcsWarning {
  line: number | null;
  uid: string | null;
  message: string;
}

export interface IcsImportResult {
  /** The calendar as it would be saved (not saved yet). Null when the file is not iCalendar at all. */
  document: CalendarDocument | null;
  events: UnderstoodEvent[];
  warnings: IcsWarning[];
}

export interface IcsImportOptions {
  /** Calendar name (default: the file's X-WR-CALNAME). */
  name?: string;
  /** The calendar's time zone (default: the file's X-WR-TIMEZONE, else UTC). */
  timezone?: string;
  /** First day of the horizon over which rules that are not plain yearly ones are expanded, `YYYY-MM-DD`. */
  from: string;
  /** Length of that horizon in years (default 3). */
  years?: number;
}

const MAKE_UP_DAY = /make-?up (working )?day|working day|workday|补班|调休上班|上班/i;
/** Most entries one event may become (a daily rule over three years would otherwise flood the calendar). */
const MAX_OCCURRENCES = 400;

interface LocalDay {
  day: number;
  /** Minutes after midnight on the calendar's clock, or null for an all-day value. */
  minute: number | null;
}

/** 1-based line of each `BEGIN:VEVENT`, in file order (ical.js keeps the order but not the lines). */
function veventLines(text: string): number[] {
  const lines: number[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, index) => {
    if (/^BEGIN:VEVENT\s*$/i.test(line)) lines.push(index + 1);
  });
  return lines;
}

function isoOf(day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function monthDayOf(day: number): string {
  return isoOf(day).slice(5);
}

type ZoneOf = (tzid: string) => ICAL.Timezone | undefined;

/**
 * A DTSTART/DTEND/EXDATE/occurrence value on the calendar's clock. Dates stay dates; date-times are converted from
 * UTC, their TZID (a VTIMEZONE of the file, else an IANA name) or, when floating, taken as the calendar's time.
 */
function toLocal(time: ICAL.Time, tzid: string | null, calendarZone: string, zoneOf: ZoneOf, warn: (message: string) => void): LocalDay {
  if (time.isDate) return { day: daysFromCivil(time.year, time.month, time.day), minute: null };
  const wall = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  let epoch: number;
  if (time.zone?.tzid === 'UTC' || time.zone === ICAL.Timezone.utcTimezone) epoch = wall;
  else if (tzid !== null && zoneOf(tzid)) epoch = wall - (zoneOf(tzid) as ICAL.Timezone).utcOffset(time) * 1000;
  else if (tzid !== null && canonicalTimeZone(tzid)) epoch = DateTime.fromObject({ year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second }, { zone: tzid }).toMillis();
  else {
    if (tzid !== null) warn(`time zone "${tzid}" is neither in the file nor an IANA zone: its times are read as ${calendarZone} times`);
    return { day: daysFromCivil(time.year, time.month, time.day), minute: time.hour * 60 + time.minute };
  }
  const local = DateTime.fromMillis(epoch, { zone: calendarZone });
  return { day: daysFromCivil(local.year, local.month, local.day), minute: local.hour * 60 + local.minute };
}

/** The TZID parameter of a property, or null. */
function tzidOf(property: ICAL.Property | null): string | null {
  const tzid = property?.getParameter('tzid');
  return typeof tzid === 'string' ? tzid : null;
}

/** Parse an .ics text into a calendar document plus what was understood and what was skipped, without saving. */
export function importIcs(text: string, options: IcsImportOptions): IcsImportResult {
  const warnings: IcsWarning[] = [];
  let root: ICAL.Component | undefined;
  try {
    const parsed = ICAL.parse(text) as unknown[];
    // Several top-level components come back as a list of them: take the calendar.
    const candidates = Array.isArray(parsed[0]) ? (parsed as unknown[][]) : [parsed];
    root = candidates.map((jcal) => new ICAL.Component(jcal)).find((component) => component.name === 'vcalendar');
  } catch (error) {
    return { document: null, events: [], warnings: [{ line: null, uid: null, message: `not an iCalendar file: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (!root) return { document: null, events: [], warnings: [{ line: null, uid: null, message: 'not an iCalendar file: it holds no VCALENDAR (BEGIN:VCALENDAR … END:VCALENDAR)' }] };
  try {
    return readCalendar(root, text, options, warnings);
  } catch (error) {
    // ical.js met something it cannot read beyond the single events (each is guarded on its own).
    return { document: null, events: [], warnings: [...warnings, { line: null, uid: null, message: `the file could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

function readCalendar(root: ICAL.Component, text: string, options: IcsImportOptions, warnings: IcsWarning[]): IcsImportResult {

  const fileZone = root.getFirstPropertyValue('x-wr-timezone');
  const requestedZone = options.timezone ?? (typeof fileZone === 'string' ? fileZone : 'UTC');
  const calendarZone = canonicalTimeZone(requestedZone) ?? 'UTC';
  if (calendarZone !== requestedZone && canonicalTimeZone(requestedZone) === null) warnings.push({ line: null, uid: null, message: `time zone "${requestedZone}" is not an IANA zone; using UTC` });
  const fileName = root.getFirstPropertyValue('x-wr-calname');
  // A file's own name may hold characters a calendar name cannot (names are how schedules refer to calendars).
  const fromFile = typeof fileName === 'string' ? fileName.replace(/[^\p{L}\p{N} ._()-]+/gu, ' ').replace(/\s+/g, ' ').trim() : '';
  const name = (options.name ?? (fromFile || 'Imported calendar')).slice(0, 80);

  const zones = new Map<string, ICAL.Timezone>();
  for (const component of root.getAllSubcomponents('vtimezone')) {
    const tzid = component.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string') zones.set(tzid, new ICAL.Timezone({ component, tzid }));
  }
  const zoneOf: ZoneOf = (tzid) => zones.get(tzid);

  const horizonStart = /^\d{4}-\d{2}-\d{2}$/.test(options.from) ? daysFromCivil(Number(options.from.slice(0, 4)), Number(options.from.slice(5, 7)), Number(options.from.slice(8, 10))) : 0;
  const years = options.years ?? 3;
  const horizonEnd = daysFromCivil(civilFromDays(horizonStart).year + years, civilFromDays(horizonStart).month, civilFromDays(horizonStart).day) - 1;

  const entries: CalendarEntry[] = [];
  const events: UnderstoodEvent[] = [];
  const lines = veventLines(text);
  const vevents = root.getAllSubcomponents('vevent');
  for (const vtodo of [...root.getAllSubcomponents('vtodo'), ...root.getAllSubcomponents('vjournal')]) {
    warnings.push({ line: null, uid: (vtodo.getFirstPropertyValue('uid') as string | null) ?? null, message: `${vtodo.name.toUpperCase()} skipped: only events (VEVENT) are read` });
  }

  // Occurrences replaced by an event with RECURRENCE-ID, by UID: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
  const replaced = new Map<string, Set<string>>();
  for (const vevent of vevents) {
    const uid = vevent.getFirstPropertyValue('uid');
    const recurrenceId = vevent.getFirstPropertyValue('recurrence-id');
    if (typeof uid === 'string' && recurrenceId instanceof ICAL.Time) {
      const set = replaced.get(uid) ?? new Set<string>();
      set.add(occurrenceKey(recurrenceId));
      replaced.set(uid, set);
    }
  }

  vevents.forEach((vevent, index) => {
    try {
      readEvent(vevent, index);
    } catch (error) {
      const uid = vevent.getFirstPropertyValue('uid');
      warnings.push({ line: lines[index] ?? null, uid: typeof uid === 'string' ? uid : null, message: `event skipped: it could not be read (${error instanceof Error ? error.message : String(error)})` });
    }
  });

  function readEvent(vevent: ICAL.Component, index: number): void {
    const line = lines[index] ?? null;
    const uidValue = vevent.getFirstPropertyValue('uid');
    const uid = typeof uidValue === 'string' ? uidValue : null;
    const warn = (message: string): void => {
      warnings.push({ line, uid, message });
    };
    const summaryValue = vevent.getFirstPropertyValue('summary');
    const summary = (typeof summaryValue === 'string' && summaryValue.trim() !== '' ? summaryValue.trim() : `Untitled event${uid ? ` ${uid}` : ''}`).slice(0, 120);
    const status = vevent.getFirstPropertyValue('status');
    if (typeof status === 'string' && status.toUpperCase() === 'CANCELLED') return warn(`"${summary}" skipped: it is cancelled`);
    const startProperty = vevent.getFirstProperty('dtstart');
    const start = startProperty?.getFirstValue();
    if (!(start instanceof ICAL.Time)) return warn(`"${summary}" skipped: it has no start (DTSTART)`);
    const endProperty = vevent.getFirstProperty('dtend');
    let end = endProperty?.getFirstValue();
    if (!(end instanceof ICAL.Time)) {
      const duration = vevent.getFirstPropertyValue('duration');
      if (duration instanceof ICAL.Duration) {
        end = start.clone();
        (end as ICAL.Time).addDuration(duration);
      } else {
        end = start.clone();
        if (start.isDate) (end as ICAL.Time).day += 1;
      }
    }
    const endTime = end as ICAL.Time;
    const startTzid = tzidOf(startProperty);
    const endTzid = tzidOf(endProperty ?? null) ?? startTzid;

    const ownKind = vevent.getFirstPropertyValue('x-switchboard-kind');
    const ownAs = vevent.getFirstPropertyValue('x-switchboard-as');
    const kindFromTitle = MAKE_UP_DAY.test(summary) ? 'workday' : 'closed';

    /** Entries for one occurrence starting at `occurrenceStart` (the same length as the first). */
    const occurrence = (occurrenceStart: ICAL.Time): { entry: UndatedEntry; first: number; last: number } | string => {
      const shift = occurrenceStart.subtractDate(start);
      const occurrenceEnd = endTime.clone();
      occurrenceEnd.addDuration(shift);
      const from = toLocal(occurrenceStart, startTzid, calendarZone, zoneOf, warn);
      const to = toLocal(occurrenceEnd, endTzid, calendarZone, zoneOf, warn);
      if (from.minute === null || occurrenceStart.isDate) {
        const last = Math.max(from.day, to.day - 1);
        const kind = ownKind === 'workday' || ownKind === 'closed' ? ownKind : kindFromTitle;
        const as = (WEEKDAYS as readonly string[]).includes(String(ownAs)) ? (ownAs as Weekday) : 'monday';
        return { entry: kind === 'workday' ? { kind, name: summary, as } : { kind: 'closed', name: summary }, first: from.day, last };
      }
      const toMinute = to.day === from.day ? (to.minute ?? 0) : to.day === from.day + 1 && to.minute === 0 ? 1440 : -1;
      if (toMinute < 0) return `crosses midnight ${calendarZone} (${isoOf(from.day)} ${clock(from.minute)} – ${isoOf(to.day)} ${clock(to.minute ?? 0)})`;
      if (toMinute <= from.minute) return 'ends before it starts';
      const hours = [{ open: clock(from.minute), close: clock(toMinute) }];
      const entry: UndatedEntry = ownKind === 'workday' ? { kind: 'workday', name: summary, hours } : { kind: 'hours', name: summary, hours };
      return { entry, first: from.day, last: from.day };
    };

    const made: number[] = [];
    const add = (entry: CalendarEntry) => {
      made.push(entries.length);
      entries.push(entry);
    };
    const describe = () =>
      made
        .map((i) => entries[i] as CalendarEntry)
        .slice(0, 3)
        .map(describeEntry)
        .join('; ') + (made.length > 3 ? `; … ${made.length} entries` : '');

    const rruleValue = vevent.getFirstPropertyValue('rrule');
    const exdates = vevent.getAllProperties('exdate').flatMap((property) => property.getValues().filter((value): value is ICAL.Time => value instanceof ICAL.Time));
    const recurrenceId = vevent.getFirstPropertyValue('recurrence-id');

    if (!(rruleValue instanceof ICAL.Recur) || recurrenceId instanceof ICAL.Time) {
      if (vevent.getFirstProperty('rrule') && !(rruleValue instanceof ICAL.Recur)) warn(`"${summary}": its RRULE could not be read; only the first occurrence is imported`);
      const one = occurrence(start);
      if (typeof one === 'string') return warn(`"${summary}" skipped: it ${one}`);
      add(withDates(one.entry, isoOf(one.first), one.last === one.first ? undefined : isoOf(one.last)));
      events.push({ line: line ?? 0, uid, summary, entries: made, understood: describe() });
      return;
    }

    const recur = rruleValue;
    const byParts = Object.keys(recur.parts ?? {}).filter((part) => part !== 'BYMONTH' && part !== 'BYMONTHDAY');
    const exactYearly = recur.freq === 'YEARLY' && (recur.interval ?? 1) === 1 && !recur.count && !recur.until && byParts.length === 0 && exdates.length === 0 && !replaced.has(uid ?? '');
    if (exactYearly) {
      const one = occurrence(start);
      if (typeof one === 'string') return warn(`"${summary}" skipped: it ${one}`);
      if (one.last - one.first >= 366) return warn(`"${summary}" skipped: each occurrence lasts more than a year`);
      add(withDates(one.entry, monthDayOf(one.first), one.last === one.first ? undefined : monthDayOf(one.last)));
      events.push({ line: line ?? 0, uid, summary, entries: made, understood: describe() });
      return;
    }

    // Any other rule: its occurrences within the horizon, minus EXDATEs and replaced occurrences.
    const excluded = new Set([...exdates.map(occurrenceKey), ...(replaced.get(uid ?? '') ?? [])]);
    const iterator = recur.iterator(start);
    let skippedExdates = 0;
    let truncated = false;
    for (let next = iterator.next(), guard = 0; next && guard < 100_000; next = iterator.next(), guard++) {
      const local = toLocal(next, startTzid, calendarZone, zoneOf, warn);
      if (local.day > horizonEnd) break;
      if (local.day < horizonStart) continue;
      if (excluded.has(occurrenceKey(next))) {
        skippedExdates++;
        continue;
      }
      if (made.length >= MAX_OCCURRENCES) {
        truncated = true;
        break;
      }
      const one = occurrence(next);
      if (typeof one === 'string') {
        warn(`"${summary}" occurrence ${occurrenceKey(next)} skipped: it ${one}`);
        continue;
      }
      add(withDates(one.entry, isoOf(one.first), one.last === one.first ? undefined : isoOf(one.last)));
    }
    const span = `${isoOf(horizonStart)} – ${isoOf(horizonEnd)}`;
    warn(`"${summary}" repeats by a rule that is not a plain yearly date (${recur.toString()}): expanded to ${made.length} one-off entr${made.length === 1 ? 'y' : 'ies'} within ${span}${skippedExdates > 0 ? `, ${skippedExdates} excluded by EXDATE or RECURRENCE-ID` : ''}; import again later for later years`);
    if (truncated) warn(`"${summary}" has more than ${MAX_OCCURRENCES} occurrences within ${span}; only the first ${MAX_OCCURRENCES} were imported`);
    if (made.length > 0) events.push({ line: line ?? 0, uid, summary, entries: made, understood: describe() });
  }

  return { document: { schemaVersion: CALENDAR_SCHEMA_VERSION, name, timezone: calendarZone, description: '', entries }, events, warnings };
}

/** `2027-02-08` for dates, `2027-02-08T10:00` for date-times, in the value's own wall time (EXDATE comparisons). */
function occurrenceKey(time: ICAL.Time): string {
  const date = `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
  return time.isDate ? date : `${date}T${clock(time.hour * 60 + time.minute)}`;
}

function withDates(entry: UndatedEntry, date: string, until: string | undefined): CalendarEntry {
  return (until === undefined ? { ...entry, date } : { ...entry, date, until }) as CalendarEntry;
}

/** `closed 2027-02-06 – 2027-02-12`, `every year 12-25: closed`, `open 09:00–15:00 on 2026-12-24`. */
export function describeEntry(entry: CalendarEntry): string {
  const yearly = entry.date.length === 5;
  const when = `${entry.until ? `${entry.date} – ${entry.until}` : entry.date}${yearly ? ' every year' : ''}`;
  switch (entry.kind) {
    case 'closed':
      return `closed ${when}`;
    case 'hours':
      return `open ${entry.hours.map((h) => `${h.open}–${h.close}`).join(', ')} on ${when}`;
    case 'workday':
      return entry.hours && entry.hours.length > 0 ? `make-up working day ${when}, open ${entry.hours.map((h) => `${h.open}–${h.close}`).join(', ')}` : `make-up working day ${when} (${entry.as ?? 'monday'}'s hours)`;
  }
}
