import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextOpening, windowRuleProblem, type CallbackWindowRule } from './callback-window.js';

const zone = 'Europe/Berlin';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("ccc yyyy-MM-dd HH:mm");
const weekdays9to5: CallbackWindowRule = { timezone: zone, startMinute: 9 * 60, endMinute: 17 * 60, days: [1, 2, 3, 4, 5] };

describe('callback window', () => {
  it('is open now during business hours', () => {
    const opening = nextOpening(weekdays9to5, at('2026-12-23T10:30'))!;
    expect([local(opening.start), local(opening.end)]).toEqual(['Wed 2026-12-23 09:00', 'Wed 2026-12-23 17:00']);
  });

  it('moves a Friday-evening request to Monday morning', () => {
    const opening = nextOpening(weekdays9to5, at('2026-12-25T18:00'))!;
    expect(local(opening.start)).toBe('Mon 2026-12-28 09:00');
  });

  it('keeps an overnight window open after midnight for the day it started', () => {
    const nights: CallbackWindowRule = { timezone: zone, startMinute: 22 * 60, endMinute: 2 * 60, days: [5] };
    const opening = nextOpening(nights, at('2026-12-26T01:00'))!;
    expect([local(opening.start), local(opening.end)]).toEqual(['Fri 2026-12-25 22:00', 'Sat 2026-12-26 02:00']);
    expect(local(nextOpening(nights, at('2026-12-26T03:00'))!.start)).toBe('Fri 2027-01-01 22:00');
  });

  it('follows the time zone across a daylight-saving change', () => {
    const opening = nextOpening(weekdays9to5, at('2026-03-27T18:00'))!;
    expect(local(opening.start)).toBe('Mon 2026-03-30 09:00');
    expect(new Date(opening.start).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('never opens with no weekday or an unknown zone', () => {
    expect(nextOpening({ ...weekdays9to5, days: [] }, at('2026-12-23T10:30'))).toBeNull();
    expect(windowRuleProblem({ ...weekdays9to5, timezone: 'Mars/Olympus' })).toMatch(/time zone/);
  });
});
