import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '@switchboard/flows';
import { todaysHours } from './schedule-today';

const data = { ...nodeRegistry.schedule.defaults(), timezone: 'Asia/Shanghai' };

describe("today's hours on the schedule node", () => {
  it("uses the schedule's own time zone to decide which day it is", () => {
    // Friday 20:00 UTC is already Saturday 04:00 in Shanghai.
    const today = todaysHours(data, Date.UTC(2026, 10, 20, 20, 0));
    expect(today).toMatchObject({ weekday: 'saturday', date: '2026-11-21', holiday: null, hours: [] });
    expect(todaysHours(data, Date.UTC(2026, 10, 20, 8, 0))?.hours).toEqual([{ open: '09:00', close: '17:00' }]);
  });

  it('shows the holiday instead of the weekly hours', () => {
    expect(todaysHours(data, Date.UTC(2026, 11, 25, 3, 0))).toMatchObject({ holiday: 'Christmas Day', hours: [] });
  });

  it('gives nothing for an unknown zone', () => {
    expect(todaysHours({ ...data, timezone: 'Mars/Olympus' }, 0)).toBeNull();
  });
});
