import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';
import { formatSeconds } from './format';
import { bucketFor, periodOf, previousPeriod } from './period';

describe('dashboard periods (cut at the viewer’s local midnight)', () => {
  const now = new Date(2026, 11, 3, 14, 25); // 3 Dec 2026 14:25 local time
  it('last 7 days: from local midnight six days ago to the end of this hour; compared with the 7 days before', () => {
    const period = periodOf('last7', now);
    expect(new Date(period.from)).toEqual(new Date(2026, 10, 27));
    expect(new Date(period.to)).toEqual(new Date(2026, 11, 3, 15, 0));
    expect(previousPeriod(period)).toEqual({ from: new Date(Date.parse(period.from) - (Date.parse(period.to) - Date.parse(period.from))).toISOString(), to: period.from });
    expect(bucketFor(period)).toBe('day');
  });
  it('yesterday: one local day, by hour', () => {
    const period = periodOf('yesterday', now);
    expect([new Date(period.from), new Date(period.to)]).toEqual([new Date(2026, 11, 2), new Date(2026, 11, 3)]);
    expect(bucketFor(period)).toBe('hour');
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, defuses formulas, and starts with a byte order mark', () => {
    const csv = toCsv(
      [
        { name: 'Sales, "VIP"', calls: 3 },
        { name: '=HYPERLINK("x")', calls: -2 },
        { name: 'two\nlines', calls: null },
      ],
      [
        { header: 'Name', value: (row) => row.name },
        { header: 'Calls', value: (row) => row.calls },
      ],
    );
    expect(csv).toBe('\uFEFFName,Calls\r\n"Sales, ""VIP""",3\r\n"\'=HYPERLINK(""x"")",-2\r\n"two\nlines",\r\n');
  });
});

it('durations read as the viewer’s language says them', () => {
  expect(formatSeconds(42, 'en')).toBe('42 sec');
  expect(formatSeconds(185, 'en')).toBe('3 min 5 sec');
  expect(formatSeconds(null, 'en')).toBeNull();
});
