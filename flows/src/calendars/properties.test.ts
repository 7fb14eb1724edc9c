import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCalendar } from './compile.js';
import { decidingCalendarEntry } from './evaluate.js';
import { exportIcs } from './ics/export.js';
import { importIcs } from './ics/import.js';
import { previewCalendar } from './preview.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/calendars/${name}`, import.meta.url), 'utf8');

const date = fc.oneof(
  fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([m, d]) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.string({ maxLength: 12 }),
);
const time = fc.oneof(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`), fc.string({ maxLength: 6 }));
const entry = fc.record(
  {
    kind: fc.constantFrom('closed', 'hours', 'workday', 'other'),
    name: fc.string({ maxLength: 20 }),
    date,
    until: date,
    as: fc.constantFrom('monday', 'sunday', 'someday'),
    hours: fc.array(fc.record({ open: time, close: time }), { maxLength: 3 }),
  },
  { requiredKeys: ['kind', 'name', 'date'] },
);
const calendarJson = fc.oneof(
  fc.record({ name: fc.constantFrom('CN-2027', '', '日历 A'), timezone: fc.constantFrom('Asia/Shanghai', 'Europe/London', 'UTC', 'Mars/Olympus'), entries: fc.array(entry, { maxLength: 12 }) }),
  fc.json().map((text) => JSON.parse(text) as unknown),
);

describe('calendar properties', () => {
  it('untrusted JSON never throws: a calendar with diagnostics, and a compiled one decides and previews any instant', () => {
    fc.assert(
      fc.property(calendarJson, fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2099, 0, 1) }), (json, at) => {
        const { calendar, diagnostics } = parseCalendar(json, 1);
        for (const d of diagnostics) expect(d.code).toMatch(/^SB1(2[5-9]|3[5-9])$/);
        if (!calendar) return;
        decidingCalendarEntry([calendar], at);
        previewCalendar(calendar, '2027-01-01', 40);
        // Whatever compiled without errors exports, and the export imports back cleanly into a valid calendar.
        const { document } = parseCalendar(json, 1);
        if (document && !diagnostics.some((d) => d.severity === 'error')) {
          const again = importIcs(exportIcs(document, 0), { from: '2027-01-01' });
          expect(again.warnings).toEqual([]);
          expect(parseCalendar(again.document).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a damaged .ics file never throws: what is read is read, the rest is a warning', () => {
    const files = [fixture('china-2027.ics'), fixture('outlook-company.ics'), fixture('google-team.ics')];
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 30 })), { maxLength: 4 }), (file, damage) => {
        const lines = file.split('\r\n');
        for (const [at, text] of damage) lines[at % lines.length] = text;
        const result = importIcs(lines.join('\r\n'), { from: '2027-01-01' });
        expect(result.document === null ? result.warnings.length > 0 : true).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
