import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import { start } from '../interpreter/interpreter.js';
import { linkProgram } from '../interpreter/program.js';
import { compileSchedule, ScheduleDataSchema, scheduleStatusAt } from '../nodes/schedule.js';
import { buildFlow } from '../../test/build.js';
import { compileCalendar, parseCalendar } from './compile.js';
import type { CompiledCalendar } from './compiled.js';
import { checkCalendarReferences } from './references.js';
import { CalendarDocumentSchema, type CalendarDocumentInput } from './schema.js';

const utc = (iso: string) => Date.parse(`${iso}Z`);

function calendar(input: CalendarDocumentInput, revision = 1): CompiledCalendar {
  const result = compileCalendar(CalendarDocumentSchema.parse(input), revision);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(JSON.stringify(errors));
  return result.calendar;
}

function diagnosticsOf(input: CalendarDocumentInput) {
  return compileCalendar(CalendarDocumentSchema.parse(input)).diagnostics.map((d) => ({ code: d.code, path: d.path, message: d.message }));
}

const day = (open: string, close: string) => [{ open, close }];
const schedule = (timezone: string, extra: Record<string, unknown> = {}) =>
  compileSchedule(
    ScheduleDataSchema.parse({
      timezone,
      weekly: { monday: day('09:00', '18:00'), tuesday: day('09:00', '18:00'), wednesday: day('09:00', '18:00'), thursday: day('09:00', '18:00'), friday: day('09:00', '17:00') },
      holidays: [],
      ...extra,
    }),
  );

/** China 2027 (lunar-calendar dates, as the State Council publishes them a year ahead). */
const cn2027 = calendar(
  {
    name: 'CN-2027',
    timezone: 'Asia/Shanghai',
    entries: [
      { kind: 'closed', name: 'Spring Festival', date: '2027-02-06', until: '2027-02-13' },
      { kind: 'workday', name: 'Spring Festival make-up working day', date: '2027-01-31', as: 'monday' },
      { kind: 'workday', name: 'Spring Festival make-up working day', date: '2027-02-20', as: 'friday' },
      { kind: 'closed', name: 'National Day', date: '2027-10-01', until: '2027-10-07' },
      { kind: 'workday', name: 'National Day make-up working day', date: '2027-10-09', hours: [{ open: '10:00', close: '16:00' }] },
    ],
  },
  3,
);

describe('calendars in a schedule', () => {
  const shanghai = schedule('Asia/Shanghai', { calendars: ['CN-2027'] });

  it('closes for a festival range and names the calendar revision that decided', () => {
    // Tuesday 2027-02-09 10:00 in Shanghai (UTC+8, no daylight saving): an ordinary weekday but the festival.
    const status = scheduleStatusAt(shanghai, utc('2027-02-09T02:00'), {}, [cn2027]);
    expect(status.outlet).toBe('holiday');
    expect(status.reason).toBe('holiday: Spring Festival (calendar CN-2027 rev 3)');
    expect(status.calendar).toEqual({ name: 'CN-2027', revision: 3, entry: 'Spring Festival' });
    // The range is inclusive on both ends and days begin at midnight Shanghai time (16:00 UTC the day before).
    expect(scheduleStatusAt(shanghai, utc('2027-02-05T15:59'), {}, [cn2027]).outlet).toBe('closed');
    expect(scheduleStatusAt(shanghai, utc('2027-02-05T16:00'), {}, [cn2027]).outlet).toBe('holiday');
    expect(scheduleStatusAt(shanghai, utc('2027-02-13T15:59'), {}, [cn2027]).outlet).toBe('holiday');
    expect(scheduleStatusAt(shanghai, utc('2027-02-15T02:00'), {}, [cn2027]).reason).toBe('open: Monday 09:00–18:00');
  });

  it('opens on make-up working days with the hours of the weekday they stand in for, or their own', () => {
    // Sunday 2027-01-31 works as a Monday (09:00–18:00); Saturday 2027-02-20 as a Friday (09:00–17:00).
    expect(scheduleStatusAt(shanghai, utc('2027-01-31T09:30'), {}, [cn2027])).toMatchObject({
      outlet: 'open',
      reason: 'open: make-up working day Spring Festival make-up working day as Monday 09:00–18:00 (calendar CN-2027 rev 3)',
    });
    expect(scheduleStatusAt(shanghai, utc('2027-01-31T10:30'), {}, [cn2027]).outlet).toBe('closed');
    expect(scheduleStatusAt(shanghai, utc('2027-02-20T08:30'), {}, [cn2027]).outlet).toBe('open');
    expect(scheduleStatusAt(shanghai, utc('2027-02-20T09:30'), {}, [cn2027]).outlet).toBe('closed');
    // Saturday 2027-10-09 10:00–16:00 of its own.
    expect(scheduleStatusAt(shanghai, utc('2027-10-09T01:59'), {}, [cn2027]).outlet).toBe('closed');
    expect(scheduleStatusAt(shanghai, utc('2027-10-09T02:00'), {}, [cn2027]).reason).toBe('open: make-up working day National Day make-up working day 10:00–16:00 (calendar CN-2027 rev 3)');
    // Without the calendar that Sunday is an ordinary closed Sunday.
    expect(scheduleStatusAt(shanghai, utc('2027-01-31T03:00')).outlet).toBe('closed');
  });

  it('follows daylight saving: a calendar day is the local date, 23 or 25 hours long', () => {
    const uk = calendar({ name: 'UK', timezone: 'Europe/London', entries: [
      { kind: 'closed', name: 'Clocks forward', date: '2027-03-28' },
      { kind: 'closed', name: 'Clocks back', date: '2027-10-31' },
      { kind: 'hours', name: 'Christmas Eve', date: '12-24', hours: [{ open: '09:00', close: '15:00' }] },
    ] });
    const london = schedule('Europe/London', { weekly: { sunday: day('00:00', '24:00') }, calendars: ['UK'] });
    // 28 March 2027: 00:00 GMT … 24:00 BST is 2027-03-28T00:00Z … 2027-03-28T23:00Z (23 hours).
    expect(scheduleStatusAt(london, utc('2027-03-27T23:59'), {}, [uk]).outlet).toBe('closed');
    expect(scheduleStatusAt(london, utc('2027-03-28T00:00'), {}, [uk]).outlet).toBe('holiday');
    expect(scheduleStatusAt(london, utc('2027-03-28T22:59'), {}, [uk]).outlet).toBe('holiday');
    expect(scheduleStatusAt(london, utc('2027-03-28T23:00'), {}, [uk]).outlet).toBe('closed');
    // 31 October 2027: 00:00 BST … 24:00 GMT is 2027-10-30T23:00Z … 2027-11-01T00:00Z (25 hours).
    expect(scheduleStatusAt(london, utc('2027-10-30T22:59'), {}, [uk]).outlet).toBe('closed');
    expect(scheduleStatusAt(london, utc('2027-10-30T23:00'), {}, [uk]).outlet).toBe('holiday');
    expect(scheduleStatusAt(london, utc('2027-10-31T23:59'), {}, [uk]).outlet).toBe('holiday');
    // Special hours are wall-clock hours: 09:00–15:00 GMT in December.
    const eve = scheduleStatusAt(london, utc('2027-12-24T09:00'), {}, [uk]);
    expect(eve).toMatchObject({ outlet: 'open', reason: 'open: Christmas Eve hours 09:00–15:00 (calendar UK rev 1)' });
    expect(scheduleStatusAt(london, utc('2027-12-24T15:00'), {}, [uk]).reason).toBe('holiday: Christmas Eve, open only 09:00–15:00 (calendar UK rev 1)');
  });

  it('keeps special hours on the wall clock across a spring-forward day', () => {
    const us = calendar({ name: 'US', timezone: 'America/New_York', entries: [{ kind: 'hours', name: 'Short day', date: '2027-03-14', hours: [{ open: '09:00', close: '12:00' }] }] });
    const ny = schedule('America/New_York', { calendars: ['US'] });
    // 2027-03-14 is the spring-forward Sunday: 09:00 EDT is 13:00Z, not 14:00Z.
    expect(scheduleStatusAt(ny, utc('2027-03-14T12:59'), {}, [us]).outlet).toBe('holiday');
    expect(scheduleStatusAt(ny, utc('2027-03-14T13:00'), {}, [us]).outlet).toBe('open');
    expect(scheduleStatusAt(ny, utc('2027-03-14T15:59'), {}, [us]).outlet).toBe('open');
    expect(scheduleStatusAt(ny, utc('2027-03-14T16:00'), {}, [us]).outlet).toBe('holiday');
  });

  it('repeats yearly dates every year; 29 February only in leap years', () => {
    const leap = calendar({ name: 'Leap', timezone: 'UTC', entries: [{ kind: 'closed', name: 'Leap day', date: '02-29' }, { kind: 'closed', name: 'Labour Day', date: '05-01' }] });
    const utcSchedule = schedule('UTC', { weekly: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, day('00:00', '24:00')])), calendars: ['Leap'] });
    expect(scheduleStatusAt(utcSchedule, utc('2028-02-29T12:00'), {}, [leap]).outlet).toBe('holiday');
    expect(scheduleStatusAt(utcSchedule, utc('2027-02-28T12:00'), {}, [leap]).outlet).toBe('open');
    expect(scheduleStatusAt(utcSchedule, utc('2027-03-01T12:00'), {}, [leap]).outlet).toBe('open');
    for (const year of [2027, 2030, 2099, 2400]) expect(scheduleStatusAt(utcSchedule, utc(`${year}-05-01T12:00`), {}, [leap]).outlet).toBe('holiday');
    expect(scheduleStatusAt(utcSchedule, utc('2100-02-28T12:00'), {}, [leap]).outlet).toBe('open');
  });

  it('covers ranges across a year end, yearly and one-off', () => {
    const winter = calendar({ name: 'Winter', timezone: 'Europe/Berlin', entries: [
      { kind: 'closed', name: 'Winter break', date: '12-24', until: '01-02' },
      { kind: 'closed', name: 'Stocktake', date: '2027-12-30', until: '2028-01-05' },
    ] });
    const berlin = schedule('Europe/Berlin', { weekly: Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, day('00:00', '24:00')])), calendars: ['Winter'] });
    const at = (iso: string) => scheduleStatusAt(berlin, utc(iso), {}, [winter]);
    expect(at('2026-12-23T12:00').outlet).toBe('open');
    expect(at('2026-12-24T12:00').reason).toBe('holiday: Winter break (calendar Winter rev 1)');
    expect(at('2027-01-01T12:00').outlet).toBe('holiday');
    expect(at('2027-01-02T12:00').outlet).toBe('holiday');
    expect(at('2027-01-03T12:00').outlet).toBe('open');
    // A one-off entry beats a yearly one on the same day; after the break, the stocktake goes on into 2028.
    expect(at('2027-12-31T12:00').reason).toBe('holiday: Stocktake (calendar Winter rev 1)');
    expect(at('2028-01-04T12:00').reason).toBe('holiday: Stocktake (calendar Winter rev 1)');
    expect(at('2028-01-06T12:00').outlet).toBe('open');
  });

  it('lets the most restrictive entry win between calendars, then the one listed first', () => {
    const company = calendar({ name: 'Company', timezone: 'Asia/Shanghai', entries: [
      { kind: 'closed', name: 'Team outing', date: '2027-01-31' },
      { kind: 'hours', name: 'Support desk', date: '2027-02-08', hours: [{ open: '10:00', close: '14:00' }] },
      { kind: 'hours', name: 'Short Friday', date: '2027-03-05', hours: [{ open: '09:00', close: '12:00' }] },
    ], }, 7);
    const other = calendar({ name: 'Other', timezone: 'Asia/Shanghai', entries: [{ kind: 'hours', name: 'Other short day', date: '2027-03-05', hours: [{ open: '13:00', close: '15:00' }] }] });
    const both = schedule('Asia/Shanghai', { calendars: ['CN-2027', 'Company', 'Other'] });
    // National make-up working day vs company closure: closed.
    expect(scheduleStatusAt(both, utc('2027-01-31T02:00'), {}, [cn2027, company, other]).reason).toBe('holiday: Team outing (calendar Company rev 7)');
    // National festival vs company special hours: still closed (a manager opening on a national holiday uses the
    // node's own holidays, which come first).
    expect(scheduleStatusAt(both, utc('2027-02-08T03:00'), {}, [cn2027, company, other]).reason).toBe('holiday: Spring Festival (calendar CN-2027 rev 3)');
    // Two special-hours entries: the calendar listed first.
    expect(scheduleStatusAt(both, utc('2027-03-05T02:00'), {}, [cn2027, company, other]).reason).toBe('open: Short Friday hours 09:00–12:00 (calendar Company rev 7)');
    expect(scheduleStatusAt(both, utc('2027-03-05T06:00'), {}, [cn2027, other, company]).reason).toBe('open: Other short day hours 13:00–15:00 (calendar Other rev 1)');
    // The node's own holidays come before calendars.
    const own = schedule('Asia/Shanghai', { calendars: ['CN-2027'], holidays: [{ name: 'Open for the festival', date: '2027-02-08', hours: [{ open: '10:00', close: '12:00' }] }] });
    expect(scheduleStatusAt(own, utc('2027-02-08T02:30'), {}, [cn2027]).reason).toBe('open: Open for the festival hours 10:00–12:00');
    // Emergency still comes first.
    expect(scheduleStatusAt(schedule('Asia/Shanghai', { emergencyFlag: 'emergency', calendars: ['CN-2027'] }), utc('2027-02-08T02:30'), { emergency: true }, [cn2027]).outlet).toBe('emergency');
  });
});

describe('calendars in a call', () => {
  function flow(calendars: string[]) {
    const result = compileFlow(
      buildFlow(
        [
          { id: 'start', type: 'start' },
          { id: 'hours', type: 'schedule', data: { timezone: 'Asia/Shanghai', weekly: { monday: day('09:00', '18:00') }, calendars } },
          ...['open', 'closed', 'holiday', 'emergency'].map((route) => ({ id: route, type: 'hangup' as const })),
        ],
        ['start:next->hours', ...['open', 'closed', 'holiday', 'emergency'].map((route) => `hours:${route}->${route}`)],
      ),
    );
    if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics));
    return result.compiled;
  }

  it('reads calendars from the program and records the deciding revision in the visit', () => {
    const program = linkProgram(flow(['CN-2027']), [], { 'CN-2027': cn2027 });
    const { effects } = start(program, { callId: 'c1', caller: '+8610', dialled: '100', at: utc('2027-02-08T02:00') });
    const holiday = effects.find((e) => e.kind === 'visit' && e.nodeId === 'holiday');
    expect(holiday?.kind === 'visit' && holiday.arrivedFrom).toMatchObject({
      nodeId: 'hours',
      outlet: 'holiday',
      reason: 'holiday: Spring Festival (calendar CN-2027 rev 3) at 2027-02-08T10:00 Asia/Shanghai',
    });
  });

  it('decides without a calendar the call does not have, and says so', () => {
    const program = linkProgram(flow(['CN-2027', 'Gone']), [], { 'CN-2027': cn2027 });
    const { effects } = start(program, { callId: 'c1', caller: '+8610', dialled: '100', at: utc('2027-02-15T02:00') });
    expect(effects.find((e) => e.kind === 'calendarMissing')).toMatchObject({ nodeId: 'hours', calendar: 'Gone' });
    const open = effects.find((e) => e.kind === 'visit' && e.nodeId === 'open');
    expect(open?.kind === 'visit' && open.arrivedFrom?.reason).toBe('open: Monday 09:00–18:00; calendar "Gone" not found, left out at 2027-02-15T10:00 Asia/Shanghai');
    // A flow run without a program (no calendars at all) still decides: the festival Monday is an ordinary Monday.
    const bare = start(flow(['CN-2027']), { callId: 'c2', caller: '+8610', dialled: '100', at: utc('2027-02-08T02:00') });
    expect(bare.effects.some((e) => e.kind === 'visit' && e.nodeId === 'open')).toBe(true);
    expect(bare.effects.filter((e) => e.kind === 'calendarMissing')).toHaveLength(1);
  });

  it('keeps older flows byte-identical: no calendars, no calendars field in the compiled node', () => {
    expect(flow([]).nodes['hours']?.config).not.toHaveProperty('calendars');
    expect(flow(['CN-2027']).nodes['hours']?.config).toHaveProperty('calendars', ['CN-2027']);
  });
});

describe('compileCalendar diagnostics', () => {
  const base = { name: 'Test', timezone: 'Europe/London' };

  it('names the entry and field of bad dates, ranges and hours', () => {
    expect(diagnosticsOf({ ...base, entries: [
      { kind: 'closed', name: 'A', date: '2027-02-30' },
      { kind: 'closed', name: 'B', date: '2027-02-10', until: '2027-02-01' },
      { kind: 'closed', name: 'C', date: '12-24', until: '2027-01-02' },
      { kind: 'closed', name: 'D', date: '2027-01-01', until: '2028-06-01' },
      { kind: 'hours', name: 'E', date: '2027-05-05', hours: [{ open: '15:00', close: '09:00' }] },
      { kind: 'workday', name: 'F', date: '2027-05-08' },
      { kind: 'workday', name: 'G', date: '2027-05-09', as: 'monday', hours: [{ open: '09:00', close: '12:00' }] },
    ] })).toEqual([
      { code: 'SB126', path: 'entries[0].date', message: '"2027-02-30" is not a calendar date' },
      { code: 'SB126', path: 'entries[1].until', message: '"B" ends (2027-02-01) before it starts (2027-02-10)' },
      { code: 'SB126', path: 'entries[2].until', message: '"2027-01-02" must be written like "12-24": both with a year (once) or both without (every year)' },
      { code: 'SB136', path: 'entries[3].until', message: '"D" covers 518 days; an entry may cover at most 366' },
      { code: 'SB127', path: 'entries[4].hours[0].close', message: 'closes at 09:00, not after it opens at 15:00; a calendar day\'s hours end by 24:00' },
      { code: 'SB135', path: 'entries[5].as', message: '"F" says neither which weekday\'s hours apply (as) nor its own hours' },
      { code: 'SB135', path: 'entries[6].as', message: '"G" has both a weekday (monday) and its own hours; keep one' },
    ]);
  });

  it('warns about overlaps once per pair, 29 February, unknown zones and empty calendars', () => {
    expect(diagnosticsOf({ name: 'X', timezone: 'Mars/Olympus', entries: [] }).map((d) => d.code)).toEqual(['SB129', 'SB137']);
    expect(diagnosticsOf({ ...base, entries: [
      { kind: 'workday', name: 'Make-up', date: '2027-02-06', as: 'monday' },
      { kind: 'closed', name: 'Festival', date: '2027-02-05', until: '2027-02-11' },
      { kind: 'closed', name: 'Leap', date: '02-29' },
    ] })).toEqual([
      { code: 'SB128', path: 'entries[1].date', message: '"Festival" and "Make-up" both cover 2027-02-06; "Festival" applies' },
      { code: 'SB139', path: 'entries[2].date', message: '"Leap" on 02-29 applies only in leap years (2028, 2032, …); in other years no day takes its place' },
    ]);
  });

  it('has no cap on entries: 5,000 one-off days compile', () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({ kind: 'closed' as const, name: `Day ${i}`, date: new Date(Date.UTC(2027, 0, 1) + i * 86_400_000).toISOString().slice(0, 10) }));
    const compiled = compileCalendar(CalendarDocumentSchema.parse({ ...base, entries }));
    expect(compiled.diagnostics).toEqual([]);
    expect(Object.keys(compiled.calendar.dates)).toHaveLength(5000);
  });

  it('reports schema problems of untrusted JSON with their paths', () => {
    const result = parseCalendar({ name: '-bad', timezone: 'UTC', entries: [{ kind: 'holiday', name: 'x', date: '2027-01-01' }, { kind: 'hours', name: 'y', date: '24/12', hours: [] }] });
    expect(result.calendar).toBeNull();
    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual(['SB125 name', 'SB125 entries[0].kind', 'SB125 entries[1].date', 'SB125 entries[1].hours']);
  });
});

describe('checkCalendarReferences', () => {
  it('names the node and field of a missing calendar, and warns about another zone', () => {
    const nodes = [
      { id: 'start', type: 'start', data: {} },
      { id: 'hours', type: 'schedule', data: { timezone: 'Europe/London', calendars: ['UK', 'CN-2027', 'Nope'] } },
    ];
    const known = new Map([['UK', { timezone: 'Europe/London' }], ['CN-2027', { timezone: 'Asia/Shanghai' }]]);
    expect(checkCalendarReferences({ nodes }, known).map((d) => ({ code: d.code, nodeId: d.nodeId, path: d.path, severity: d.severity }))).toEqual([
      { code: 'SB305', nodeId: 'hours', path: 'nodes[1].data.calendars[1]', severity: 'warning' },
      { code: 'SB304', nodeId: 'hours', path: 'nodes[1].data.calendars[2]', severity: 'error' },
    ]);
  });
});
