import { DiagnosticSink, type Diagnostic } from '../diagnostics/diagnostic.js';
import { canonicalTimeZone } from '../util/time-zone.js';
import { clock, daysFromCivil, DAY_MINUTES, isoDate, parseCalendarDate, parseClockTime, WEEKDAYS } from './day-numbers.js';
import { KIND_RANK, type CompiledCalendar, type CompiledCalendarEntry } from './compiled.js';
import { CalendarDocumentSchema, type CalendarDocument, type CalendarEntry, type OpeningHours } from './schema.js';

/** Longest range of one entry, in days: a calendar lists days off, not seasons (and tables stay small). */
export const MAX_RANGE_DAYS = 366;

/** Month-day keys of a leap year in order (0101 … 1231, with 0229), for expanding yearly ranges. */
const YEAR_KEYS: readonly number[] = (() => {
  const keys: number[] = [];
  for (let month = 1; month <= 12; month++) {
    const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
    for (let day = 1; day <= days; day++) keys.push(month * 100 + day);
  }
  return keys;
})();

export interface CalendarCompileResult {
  calendar: CompiledCalendar;
  diagnostics: Diagnostic[];
}

/** Open–close pairs of one day (no overnight ranges) → merged flat minutes; reports SB127. */
function compileHours(hours: readonly OpeningHours[], field: string, sink: DiagnosticSink): number[] {
  const ranges: Array<[number, number]> = [];
  hours.forEach((range, index) => {
    const at = `${field}[${index}]`;
    const open = parseClockTime(range.open);
    const close = parseClockTime(range.close);
    if (open === null) sink.report('SB127.openNotTime', { path: `${at}.open` }, { open: range.open });
    if (close === null) sink.report('SB127.closeNotTime', { path: `${at}.close` }, { close: range.close });
    if (open === null || close === null) return;
    const end = close === 0 ? DAY_MINUTES : close;
    if (end <= open) {
      sink.report('SB127.closesBeforeOpen', { path: `${at}.close` }, { close: range.close, open: range.open });
      return;
    }
    ranges.push([open, end]);
  });
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const flat: number[] = [];
  for (const [start, end] of ranges) {
    const last = flat.length - 1;
    if (last > 0 && start <= (flat[last] as number)) flat[last] = Math.max(flat[last] as number, end);
    else flat.push(start, end);
  }
  return flat;
}

/** Words for an entry's dates, as the preview and decisions show them. */
function describeWhen(entry: Pick<CalendarEntry, 'date' | 'until'>): string {
  const yearly = entry.date.length === 5;
  const span = entry.until !== undefined && entry.until !== entry.date ? `${entry.date} – ${entry.until}` : entry.date;
  return yearly ? `every year ${span}` : span;
}

function describeHours(hours: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < hours.length; i += 2) parts.push(`${clock(hours[i] as number)}–${clock(hours[i + 1] as number)}`);
  return parts.join(', ');
}

/** `closed`, `open 09:00–15:00`, `make-up working day (Monday's hours)`: what an entry does. */
export function describeEntryEffect(entry: CompiledCalendarEntry): string {
  switch (entry.kind) {
    case 'closed':
      return 'closed all day';
    case 'hours':
      return `open ${describeHours(entry.hours)}`;
    case 'workday':
      return entry.as >= 0 ? `make-up working day (${WEEKDAYS[entry.as]}'s hours)` : `make-up working day, open ${describeHours(entry.hours)}`;
  }
}

/**
 * Check a calendar document (already shaped by {@link CalendarDocumentSchema}) and build its lookup tables.
 * Diagnostics (SB126–SB129, SB135–SB139) carry paths like `entries[3].until`; errors mean the calendar must not be
 * saved. Where two entries cover the same day the more restrictive kind applies (closed > special hours > make-up
 * working day), then the one listed first, and SB128 says so.
 */
export function compileCalendar(document: CalendarDocument, revision = 0): CalendarCompileResult {
  const sink = new DiagnosticSink();
  const timezone = canonicalTimeZone(document.timezone);
  if (timezone === null) sink.report('SB129.unknownTimezone', { path: 'timezone' }, { timezone: document.timezone });
  const entries: CompiledCalendarEntry[] = [];
  const dates: Record<string, number> = {};
  const yearly: Record<string, number> = {};
  const reported = new Set<string>();
  const rankOf = (index: number) => KIND_RANK[(entries[index] as CompiledCalendarEntry).kind];

  const place = (table: Record<string, number>, key: number, index: number, field: string, day: string) => {
    const earlier = table[key];
    if (earlier === undefined) {
      table[key] = index;
      return true;
    }
    const winner = rankOf(index) > rankOf(earlier) ? index : earlier;
    table[key] = winner;
    // One warning per pair of entries, naming the first day they share (a week-long overlap is one problem).
    const pair = `${earlier}:${index}`;
    if (reported.has(pair)) return false;
    reported.add(pair);
    const first = entries[earlier] as CompiledCalendarEntry;
    const second = entries[index] as CompiledCalendarEntry;
    sink.report('SB128.sameDay', { path: field }, { second: second.name, first: first.name, day, winner: (entries[winner] as CompiledCalendarEntry).name });
    return false;
  };

  document.entries.forEach((entry, index) => {
    const field = `entries[${index}]`;
    const from = parseCalendarDate(entry.date);
    if (!from) {
      sink.report('SB126.notADate', { path: `${field}.date` }, { date: entry.date });
      return;
    }
    const until = entry.until === undefined ? from : parseCalendarDate(entry.until);
    if (!until) {
      sink.report('SB126.notADate', { path: `${field}.until` }, { date: String(entry.until) });
      return;
    }
    if ((from.year === null) !== (until.year === null)) {
      sink.report('SB126.writtenDifferently', { path: `${field}.until` }, { until: String(entry.until), date: entry.date });
      return;
    }

    let hours: number[] = [];
    let as = -1;
    switch (entry.kind) {
      case 'closed':
        break;
      case 'hours':
        hours = compileHours(entry.hours, `${field}.hours`, sink);
        break;
      case 'workday': {
        const own = entry.hours ?? [];
        if (entry.as !== undefined && own.length > 0) {
          sink.report('SB135.weekdayAndHours', { path: `${field}.as` }, { entry: entry.name, weekday: entry.as });
          return;
        }
        if (entry.as === undefined && own.length === 0) {
          sink.report('SB135.neitherWeekdayNorHours', { path: `${field}.as` }, { entry: entry.name });
          return;
        }
        if (entry.as !== undefined) as = WEEKDAYS.indexOf(entry.as);
        else hours = compileHours(own, `${field}.hours`, sink);
        break;
      }
    }
    const compiledIndex = entries.length;
    entries.push({ name: entry.name, kind: entry.kind, hours, as, when: describeWhen(entry) });

    if (from.year !== null && until.year !== null) {
      const first = daysFromCivil(from.year, from.month, from.day);
      const last = daysFromCivil(until.year, until.month, until.day);
      if (last < first) {
        sink.report('SB126.endsBeforeStart', { path: `${field}.until` }, { entry: entry.name, until: String(entry.until), date: entry.date });
        return;
      }
      if (last - first + 1 > MAX_RANGE_DAYS) {
        sink.report('SB136.tooManyDays', { path: `${field}.until` }, { entry: entry.name, days: last - first + 1, max: MAX_RANGE_DAYS });
        return;
      }
      for (let day = first; day <= last; day++) {
        place(dates, day, compiledIndex, `${field}.date`, isoDate(day));
      }
      return;
    }

    const fromKey = from.month * 100 + from.day;
    const untilKey = until.month * 100 + until.day;
    if (fromKey === 229 && untilKey === 229) {
      sink.report('SB139.leapDay', { path: `${field}.date` }, { entry: entry.name });
    }
    const start = YEAR_KEYS.indexOf(fromKey);
    const end = YEAR_KEYS.indexOf(untilKey);
    // A yearly range whose end comes before its start crosses the year end (12-24 – 01-02).
    const count = end >= start ? end - start + 1 : YEAR_KEYS.length - start + end + 1;
    for (let i = 0; i < count; i++) {
      const key = YEAR_KEYS[(start + i) % YEAR_KEYS.length] as number;
      const text = `${String(Math.floor(key / 100)).padStart(2, '0')}-${String(key % 100).padStart(2, '0')} every year`;
      place(yearly, key, compiledIndex, `${field}.date`, text);
    }
  });

  if (document.entries.length === 0) sink.report('SB137.noEntries', { path: 'entries' }, { calendar: document.name });

  return {
    calendar: { name: document.name, revision, timezone: timezone ?? 'UTC', entries, dates, yearly },
    diagnostics: sink.items,
  };
}

/**
 * Parse untrusted JSON as a calendar document: zod problems become SB125 diagnostics with their paths, then
 * {@link compileCalendar} checks the values. `calendar` is null when the document does not have the right shape.
 */
export function parseCalendar(json: unknown, revision = 0): { document: CalendarDocument | null; calendar: CompiledCalendar | null; diagnostics: Diagnostic[] } {
  const parsed = CalendarDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const sink = new DiagnosticSink();
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('').replace(/^\./, '');
      sink.report('SB125.schema', { path: path || '(document)' }, { detail: issue.message });
    }
    return { document: null, calendar: null, diagnostics: sink.items };
  }
  const { calendar, diagnostics } = compileCalendar(parsed.data, revision);
  return { document: parsed.data, calendar, diagnostics };
}
