/**
 * A schedule decision with 3 calendars of 1,000 entries each (goal ≤ 5 µs): the full `scheduleStatusAt` (decision
 * plus the reason text the visit record carries) and the calendar lookup alone, over call times spread across a year.
 */
import { compileCalendar } from '../src/calendars/compile.js';
import type { CompiledCalendar } from '../src/calendars/compiled.js';
import { decidingCalendarEntry } from '../src/calendars/evaluate.js';
import { CalendarDocumentSchema } from '../src/calendars/schema.js';
import { compileSchedule, ScheduleDataSchema, scheduleStatusAt } from '../src/nodes/schedule.js';

const DAY_MS = 86_400_000;

/** 1,000 entries: one-off days, week-long ranges, yearly dates, special hours and make-up working days. */
function bigCalendar(name: string, timezone: string, seed: number): CompiledCalendar {
  const entries = [];
  for (let i = 0; i < 1000; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + ((i * 7 + seed) % 3650) * DAY_MS).toISOString().slice(0, 10);
    const until = new Date(Date.parse(day) + 6 * DAY_MS).toISOString().slice(0, 10);
    switch (i % 5) {
      case 0:
        entries.push({ kind: 'closed' as const, name: `Day off ${i}`, date: day });
        break;
      case 1:
        entries.push({ kind: 'closed' as const, name: `Break ${i}`, date: day, until });
        break;
      case 2:
        entries.push({ kind: 'hours' as const, name: `Short day ${i}`, date: day, hours: [{ open: '09:00', close: '13:00' }] });
        break;
      case 3:
        entries.push({ kind: 'workday' as const, name: `Make-up ${i}`, date: day, as: 'monday' as const });
        break;
      default:
        entries.push({ kind: 'closed' as const, name: `Yearly ${i}`, date: day.slice(5) });
    }
  }
  return compileCalendar(CalendarDocumentSchema.parse({ name, timezone, entries }), 1).calendar;
}

export function scheduleDecisionBench(): { statusNs: number; lookupNs: number; decisions: number } {
  const calendars = [bigCalendar('CN', 'Asia/Shanghai', 0), bigCalendar('Company', 'Asia/Shanghai', 3), bigCalendar('Regional', 'Asia/Shanghai', 5)];
  const hours = [{ open: '09:00', close: '18:00' }];
  const config = compileSchedule(ScheduleDataSchema.parse({ timezone: 'Asia/Shanghai', weekly: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours }, calendars: ['CN', 'Company', 'Regional'] }));
  const start = Date.UTC(2027, 0, 1);
  const times = Array.from({ length: 4096 }, (_, i) => start + ((i * 7_919_000) % (365 * DAY_MS)));
  let sink = 0;
  const measure = (fn: (at: number) => number): number => {
    for (let i = 0; i < 20_000; i++) sink += fn(times[i & 4095] as number);
    const batches: number[] = [];
    for (let b = 0; b < 15; b++) {
      const t0 = performance.now();
      for (let i = 0; i < 50_000; i++) sink += fn(times[i & 4095] as number);
      batches.push(((performance.now() - t0) / 50_000) * 1e6);
    }
    batches.sort((a, c) => a - c);
    return batches[7] as number;
  };
  const statusNs = measure((at) => scheduleStatusAt(config, at, {}, calendars).reason.length);
  const lookupNs = measure((at) => (decidingCalendarEntry(calendars, at) === null ? 0 : 1));
  if (sink === 42) console.log('');
  return { statusNs, lookupNs, decisions: 15 * 50_000 };
}
