import { describe, expect, it } from 'vitest';
import { dayAfter, nextHoliday } from './holiday-date';

describe('adding a holiday continues the last one', () => {
  it('the day after, in the same form, across months and years', () => {
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter('12-31')).toBe('01-01');
    expect(dayAfter('02-28')).toBe('02-29');
    expect(dayAfter('2027-02-28')).toBe('2027-03-01');
    expect(dayAfter('not a date')).toBeNull();
  });

  it('a holiday week is the first day, then the same name one day later on each click', () => {
    const fallback = { name: 'New holiday', date: '2026-12-24', hours: [] };
    const first = nextHoliday([], fallback);
    expect(first).toBe(fallback);
    const week = [{ name: 'Christmas week', date: '2026-12-24', hours: [{ open: '10:00', close: '12:00' }] }];
    expect(nextHoliday(week, fallback)).toEqual({ name: 'Christmas week', date: '2026-12-25', hours: [{ open: '10:00', close: '12:00' }] });
    expect(nextHoliday([{ name: 'Half-typed', date: '12-', hours: [] }], fallback)).toBe(fallback);
  });
});
