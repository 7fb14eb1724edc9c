import { describe, expect, it } from 'vitest';
import { compileFlow } from '../compiler/compile.js';
import { start } from '../interpreter/interpreter.js';
import { buildFlow } from '../../test/build.js';
import { compileSchedule, nextOpening, ScheduleDataSchema, scheduleNode, scheduleStatusAt } from './schedule.js';

const ROUTES = ['open', 'closed', 'holiday', 'emergency'] as const;

function scheduleFlow(data: Record<string, unknown>, connect: readonly string[] = ROUTES) {
  return buildFlow(
    [
      { id: 'start', type: 'start' },
      { id: 'hours', type: 'schedule', data },
      ...ROUTES.map((route) => ({ id: route, type: 'hangup' as const })),
    ],
    ['start:next->hours', ...connect.map((route) => `hours:${route}->${route}`)],
  );
}

function compiled(data: Record<string, unknown>, connect?: readonly string[]) {
  const result = compileFlow(scheduleFlow(data, connect));
  if (!result.ok || !result.compiled) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.compiled;
}

/** Where a call arriving at `at` goes after the schedule node. */
function routeAt(flow: ReturnType<typeof compiled>, at: number, flags?: Record<string, boolean>): string | undefined {
  const { effects } = start(flow, { callId: 'c1', caller: '+441632960000', dialled: '100', at, flags });
  const visits = effects.filter((e) => e.kind === 'visit').map((e) => (e.kind === 'visit' ? e.nodeId : ''));
  return visits[visits.indexOf('hours') + 1];
}

const weekdays9to5 = (extra: Record<string, unknown> = {}) => {
  const day = [{ open: '09:00', close: '17:00' }];
  return { timezone: 'Europe/London', weekly: { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day }, ...extra };
};

const config = (data: Record<string, unknown>) => compileSchedule(ScheduleDataSchema.parse(data));
const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('schedule node', () => {
  it('routes by weekly hours with a lunch break, in the schedule\'s time zone', () => {
    const split = [
      { open: '08:00', close: '12:00' },
      { open: '13:00', close: '17:30' },
    ];
    const flow = compiled({ timezone: 'America/New_York', weekly: { wednesday: split } });
    // Wednesday 2026-01-14; New York is UTC-5 in January.
    expect(routeAt(flow, utc('2026-01-14T12:59'))).toBe('closed'); // 07:59 local
    expect(routeAt(flow, utc('2026-01-14T13:00'))).toBe('open'); // 08:00
    expect(routeAt(flow, utc('2026-01-14T17:30'))).toBe('closed'); // 12:30 lunch
    expect(routeAt(flow, utc('2026-01-14T22:29'))).toBe('open'); // 17:29
    expect(routeAt(flow, utc('2026-01-14T22:30'))).toBe('closed'); // 17:30
    expect(routeAt(flow, utc('2026-01-15T15:00'))).toBe('closed'); // Thursday
  });

  it('keeps local opening hours across the Europe/London daylight-saving changes', () => {
    const flow = compiled(weekdays9to5({ weekly: { sunday: [{ open: '09:00', close: '17:00' }], monday: [{ open: '09:00', close: '17:00' }] } }));
    // Sunday 29 March 2026: clocks go forward at 01:00 UTC, so 09:00 local is 08:00 UTC.
    expect(routeAt(flow, utc('2026-03-29T07:59'))).toBe('closed');
    expect(routeAt(flow, utc('2026-03-29T08:00'))).toBe('open');
    expect(routeAt(flow, utc('2026-03-29T15:59'))).toBe('open');
    expect(routeAt(flow, utc('2026-03-29T16:00'))).toBe('closed');
    // The jump itself: 00:59 GMT is still inside a 00:00–01:30 range, one minute later it is 02:00 BST.
    const early = compiled({ timezone: 'Europe/London', weekly: { sunday: [{ open: '00:00', close: '01:30' }] } });
    expect(routeAt(early, utc('2026-03-29T00:59'))).toBe('open');
    expect(routeAt(early, utc('2026-03-29T01:00'))).toBe('closed');
    // Sunday 25 October 2026: back to GMT.
    expect(routeAt(flow, utc('2026-10-25T08:59'))).toBe('closed');
    expect(routeAt(flow, utc('2026-10-25T09:00'))).toBe('open');
    expect(routeAt(flow, utc('2026-10-25T16:59'))).toBe('open');
    expect(routeAt(flow, utc('2026-10-25T17:00'))).toBe('closed');
  });

  it('handles an overnight range through the America/New_York spring-forward night', () => {
    // Saturday 22:00 – Sunday 06:00; on 8 March 2026 02:00 EST jumps to 03:00 EDT.
    const flow = compiled({ timezone: 'America/New_York', weekly: { saturday: [{ open: '22:00', close: '06:00' }] } });
    expect(routeAt(flow, utc('2026-03-08T02:59'))).toBe('closed'); // Sat 21:59 EST
    expect(routeAt(flow, utc('2026-03-08T03:00'))).toBe('open'); // Sat 22:00 EST
    expect(routeAt(flow, utc('2026-03-08T07:30'))).toBe('open'); // 03:30 EDT (02:30 never happened)
    expect(routeAt(flow, utc('2026-03-08T09:59'))).toBe('open'); // 05:59 EDT
    expect(routeAt(flow, utc('2026-03-08T10:00'))).toBe('closed'); // 06:00 EDT, only 7 hours after opening
  });

  it('runs Sunday-night hours into Monday morning', () => {
    const flow = compiled({ timezone: 'UTC', weekly: { sunday: [{ open: '22:00', close: '06:00' }] } });
    expect(routeAt(flow, utc('2026-11-22T23:00'))).toBe('open'); // Sunday
    expect(routeAt(flow, utc('2026-11-23T05:59'))).toBe('open'); // Monday
    expect(routeAt(flow, utc('2026-11-23T06:00'))).toBe('closed');
  });

  it('closes on yearly and one-off holidays, and opens for partial-day holiday hours', () => {
    const flow = compiled(
      weekdays9to5({
        holidays: [
          { name: 'Christmas Eve', date: '12-24', hours: [{ open: '09:00', close: '13:00' }] },
          { name: 'Christmas Day', date: '12-25' },
          { name: 'Good Friday', date: '2026-04-03' },
        ],
      }),
    );
    expect(routeAt(flow, utc('2026-12-24T10:00'))).toBe('open'); // Thursday, short day
    expect(routeAt(flow, utc('2026-12-24T14:00'))).toBe('holiday');
    expect(routeAt(flow, utc('2026-12-25T10:00'))).toBe('holiday');
    expect(routeAt(flow, utc('2027-12-24T12:59'))).toBe('open'); // yearly: next year too
    expect(routeAt(flow, utc('2027-12-24T13:00'))).toBe('holiday');
    expect(routeAt(flow, utc('2026-04-03T10:00'))).toBe('holiday'); // BST: 11:00 local
    expect(routeAt(flow, utc('2027-04-02T10:00'))).toBe('open'); // one-off: not the next year
  });

  it('sends holiday calls to closed when the holiday outlet is not connected', () => {
    const flow = compiled(weekdays9to5({ holidays: [{ name: 'Christmas Day', date: '12-25' }] }), ['open', 'closed']);
    expect(routeAt(flow, utc('2026-12-25T10:00'))).toBe('closed');
    expect(routeAt(flow, utc('2026-12-25T10:00'), { emergency: true })).toBe('closed');
  });

  it('takes the emergency route when the call flag is set, without republishing, or when the override is on', () => {
    const flow = compiled(weekdays9to5({ emergencyFlag: 'emergency' }));
    const mondayMorning = utc('2026-11-23T10:00');
    expect(routeAt(flow, mondayMorning)).toBe('open');
    expect(routeAt(flow, mondayMorning, { emergency: true })).toBe('emergency');
    expect(routeAt(flow, mondayMorning, { somethingElse: true })).toBe('open');

    const result = compileFlow(scheduleFlow(weekdays9to5({ emergencyOverride: true })));
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'SB123', severity: 'warning', path: 'nodes[1].data.emergencyOverride' }));
    if (!result.compiled) throw new Error('no compiled flow');
    expect(routeAt(result.compiled, mondayMorning)).toBe('emergency');
  });

  it('compiles its defaults without errors or warnings once connected', () => {
    const result = compileFlow(scheduleFlow(scheduleNode.defaults()));
    expect(result.diagnostics).toEqual([]);
  });

  it('reports bad zones, hours and dates at their field paths', () => {
    const result = compileFlow(
      scheduleFlow({
        timezone: 'Mars/Olympus_Mons',
        weekly: {
          monday: [
            { open: '09:00', close: '09:00' },
            { open: '25:00', close: '26:00' },
            { open: '10:00', close: '12:00' },
            { open: '11:00', close: '13:00' },
          ],
        },
        holidays: [
          { name: 'Nonsense', date: '02-30' },
          { name: 'Month 13', date: '2026-13-01' },
          { name: 'Not a leap year', date: '2026-02-29' },
          { name: 'Leap day', date: '02-29' },
          { name: 'Late shift', date: '12-31', hours: [{ open: '20:00', close: '02:00' }] },
          { name: 'Evening only', date: '2026-12-30', hours: [{ open: '18:00', close: '00:00' }] },
        ],
      }),
    );
    const found = result.diagnostics.map((d) => `${d.code} ${d.severity} ${d.nodeId} ${d.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'SB120 error hours nodes[1].data.timezone',
        'SB121 error hours nodes[1].data.weekly.monday[0]',
        'SB121 error hours nodes[1].data.weekly.monday[1].open',
        'SB121 error hours nodes[1].data.weekly.monday[1].close',
        'SB124 warning hours nodes[1].data.weekly.monday[3]',
        'SB122 error hours nodes[1].data.holidays[0].date',
        'SB122 error hours nodes[1].data.holidays[1].date',
        'SB122 error hours nodes[1].data.holidays[2].date',
        'SB121 error hours nodes[1].data.holidays[4].hours[0].close',
      ]),
    );
    expect(found.filter((d) => d.includes('holidays[3]') || d.includes('holidays[5]'))).toEqual([]);
    expect(result.ok).toBe(false);
  });

  it('warns when the line never opens, and when an overnight range runs into the next day\'s hours', () => {
    const never = compileFlow(scheduleFlow({ timezone: 'Europe/London', weekly: {} }));
    expect(never.diagnostics).toContainEqual(expect.objectContaining({ code: 'SB123', severity: 'warning', path: 'nodes[1].data.weekly' }));
    expect(never.ok).toBe(true);

    const overlap = compileFlow(
      scheduleFlow({ timezone: 'Europe/London', weekly: { friday: [{ open: '20:00', close: '08:00' }], saturday: [{ open: '07:00', close: '12:00' }] } }),
    );
    expect(overlap.diagnostics).toContainEqual(expect.objectContaining({ code: 'SB124', path: 'nodes[1].data.weekly.saturday[0]' }));
  });

  it('warns about a holiday date listed twice and applies the first', () => {
    const result = compileFlow(
      scheduleFlow(
        weekdays9to5({
          holidays: [
            { name: 'Christmas Day', date: '12-25' },
            { name: 'Xmas', date: '12-25', hours: [{ open: '09:00', close: '17:00' }] },
          ],
        }),
      ),
    );
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'SB122', severity: 'warning', path: 'nodes[1].data.holidays[1].date' }));
    expect(result.compiled && routeAt(result.compiled, utc('2026-12-25T10:00'))).toBe('holiday');
  });
});

describe('scheduleStatusAt', () => {
  const schedule = config(
    weekdays9to5({
      weekly: { monday: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '17:30' }], friday: [{ open: '22:00', close: '06:00' }] },
      holidays: [
        { name: 'Christmas Eve', date: '12-24', hours: [{ open: '09:00', close: '13:00' }] },
        { name: 'Christmas Day', date: '12-25' },
      ],
      emergencyFlag: 'emergency',
    }),
  );

  it('says which outlet and why, in the schedule\'s local time', () => {
    expect(scheduleStatusAt(schedule, utc('2026-12-25T10:00'))).toEqual({
      outlet: 'holiday',
      reason: 'closed: holiday Christmas Day',
      said: { id: 'schedule.holiday', params: { holiday: 'Christmas Day' } },
      holiday: 'Christmas Day',
      localTime: '2026-12-25T10:00',
      calendar: null,
      missingCalendars: [],
    });
    expect(scheduleStatusAt(schedule, utc('2026-12-24T10:00')).reason).toBe('open: Christmas Eve hours 09:00–13:00');
    expect(scheduleStatusAt(schedule, utc('2026-11-23T09:00')).reason).toBe('open: Monday 08:00–12:00');
    expect(scheduleStatusAt(schedule, utc('2026-11-23T12:30')).reason).toBe('closed: outside opening hours');
    expect(scheduleStatusAt(schedule, utc('2026-11-28T03:00')).reason).toBe('open: Friday 22:00–Saturday 06:00');
    expect(scheduleStatusAt(schedule, utc('2026-07-06T07:30'))).toMatchObject({ outlet: 'open', localTime: '2026-07-06T08:30' });
    expect(scheduleStatusAt(schedule, utc('2026-11-23T09:00'), { emergency: true })).toMatchObject({
      outlet: 'emergency',
      reason: 'emergency: flag "emergency" is set',
    });
  });
});

describe('nextOpening', () => {
  const schedule = config(
    weekdays9to5({
      holidays: [
        { name: 'Christmas Eve', date: '12-24', hours: [{ open: '09:00', close: '13:00' }] },
        { name: 'Christmas Day', date: '12-25' },
        { name: 'Boxing Day', date: '12-26' },
        { name: 'Substitute', date: '2026-12-28' },
      ],
    }),
  );

  it('finds the next opening after evenings, weekends and holidays', () => {
    expect(nextOpening(schedule, utc('2026-11-23T18:00'))).toBe(utc('2026-11-24T09:00')); // Monday evening
    expect(nextOpening(schedule, utc('2026-11-27T17:00'))).toBe(utc('2026-11-30T09:00')); // Friday closing time
    expect(nextOpening(schedule, utc('2026-12-24T13:00'))).toBe(utc('2026-12-29T09:00')); // over Christmas
    expect(nextOpening(schedule, utc('2026-11-23T10:00'))).toBe(utc('2026-11-23T10:00')); // open now
  });

  it('uses the local wall time on a daylight-saving day', () => {
    // Friday 27 March 2026 after hours (GMT) → Monday 30 March 09:00 BST = 08:00 UTC.
    expect(nextOpening(schedule, utc('2026-03-27T18:00'))).toBe(utc('2026-03-30T08:00'));
  });

  it('opens at the end of a daylight-saving gap when the opening time does not exist that night', () => {
    const night = config({ timezone: 'Europe/London', weekly: { sunday: [{ open: '01:30', close: '04:00' }] } });
    // 01:30 does not exist on 29 March 2026; the line opens when the clocks jump, 02:00 BST = 01:00 UTC.
    const at = nextOpening(night, utc('2026-03-28T12:00'));
    expect(at).not.toBeNull();
    expect(scheduleStatusAt(night, at as number).outlet).toBe('open');
    expect(at).toBeLessThanOrEqual(utc('2026-03-29T01:30'));
    expect(scheduleStatusAt(night, (at as number) - 60_000).outlet).toBe('closed');
  });

  it('gives up with null when the line never opens', () => {
    expect(nextOpening(config({ timezone: 'UTC', weekly: {} }), utc('2026-01-01T00:00'))).toBeNull();
  });
});
