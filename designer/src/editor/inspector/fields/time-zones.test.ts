import { describe, expect, it } from 'vitest';
import { timeZones } from './time-zones';

describe('time zones offered in pickers', () => {
  it('uses current IANA names, never the renamed ones browsers still list', () => {
    const zones = timeZones();
    expect(zones).toEqual(expect.arrayContaining(['UTC', 'Asia/Kolkata', 'Europe/Kyiv', 'Asia/Shanghai', 'Europe/London', 'America/New_York']));
    for (const old of ['Asia/Calcutta', 'Europe/Kiev', 'Asia/Saigon', 'Asia/Katmandu', 'Asia/Rangoon']) expect(zones).not.toContain(old);
    expect(zones[0]).toBe('UTC');
    expect(new Set(zones).size).toBe(zones.length);
  });
});
