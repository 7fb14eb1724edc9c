import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../compile.js';
import { previewCalendar } from '../preview.js';
import { CalendarDocumentSchema, type CalendarDocument } from '../schema.js';
import { exportIcs } from './export.js';
import { importIcs } from './import.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/calendars/${name}`, import.meta.url), 'utf8');
const compiles = (document: CalendarDocument | null) => {
  const result = compileCalendar(CalendarDocumentSchema.parse(document));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.calendar;
};

describe('importIcs', () => {
  it('reads a national holiday set with lunar-calendar dates, ranges and make-up working days (China 2027)', () => {
    const result = importIcs(fixture('china-2027.ics'), { from: '2026-12-01' });
    expect(result.document).toMatchObject({ name: '中国节假日 China holidays 2027', timezone: 'Asia/Shanghai' });
    expect(result.events.map((e) => e.understood)).toEqual([
      'closed 2027-01-01',
      "make-up working day 2027-01-31 (monday's hours)",
      'closed 2027-02-06 – 2027-02-13',
      "make-up working day 2027-02-20 (monday's hours)",
      'closed 2027-04-05',
      'closed 2027-05-01 – 2027-05-05',
      'closed 2027-06-09',
      'closed 2027-09-15',
      "make-up working day 2027-09-26 (monday's hours)",
      'closed 2027-10-01 – 2027-10-07',
      "make-up working day 2027-10-09 (monday's hours)",
    ]);
    expect(result.events[2]).toMatchObject({ line: 37, uid: '20270206_cn_spring@holiday.example', summary: '春节 Spring Festival' });
    // The withdrawn draft is named with its line and UID, not imported.
    expect(result.warnings).toEqual([{ line: 163, uid: '20270208_cn_draft@holiday.example', message: '"春节调休（草案） Spring Festival draft" skipped: it is cancelled' }]);
    const calendar = compiles(result.document);
    expect(previewCalendar(calendar, '2027-01-30', 30).map((day) => `${day.date} ${day.weekday} ${day.effect}`)).toEqual([
      "2027-01-31 Sunday make-up working day (monday's hours)",
      ...['06', '07', '08', '09', '10', '11', '12', '13'].map((d, i) => `2027-02-${d} ${['Saturday', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][i]} closed all day`),
      "2027-02-20 Saturday make-up working day (monday's hours)",
    ]);
  });

  it('converts an Outlook export\'s VTIMEZONE times to the calendar\'s clock, and skips what crosses midnight there', () => {
    const london = importIcs(fixture('outlook-company.ics'), { from: '2026-12-01', timezone: 'Europe/London' });
    expect(london.document?.entries).toEqual([
      { kind: 'hours', name: 'Christmas Eve - short day', date: '2026-12-24', hours: [{ open: '08:00', close: '13:00' }] },
      { kind: 'closed', name: 'Company offsite - office closed', date: '2027-03-12' },
      // Summer time on both sides: still one hour apart.
      { kind: 'hours', name: 'Summer party - early close', date: '2027-07-02', hours: [{ open: '08:00', close: '14:00' }] },
    ]);
    expect(london.warnings).toEqual([
      { line: 75, uid: expect.stringMatching(/C0FFEE04$/), message: '"New Year\'s Eve night shift" skipped: it crosses midnight Europe/London (2026-12-31 21:00 – 2027-01-01 01:00)' },
    ]);
    // In the company's own zone the hours are as written.
    const berlin = importIcs(fixture('outlook-company.ics'), { from: '2026-12-01', timezone: 'Europe/Berlin', name: 'Company' });
    expect(berlin.document).toMatchObject({ name: 'Company', timezone: 'Europe/Berlin' });
    expect(berlin.document?.entries[0]).toMatchObject({ hours: [{ open: '09:00', close: '14:00' }] });
    compiles(berlin.document);
  });

  it('keeps plain yearly rules yearly, expands other rules over the horizon without EXDATEs, and applies RECURRENCE-ID (Google export)', () => {
    const result = importIcs(fixture('google-team.ics'), { from: '2026-12-01', years: 3 });
    const byName = (name: string) => result.document?.entries.filter((e) => e.name === name);
    expect(byName('Christmas Day')).toEqual([{ kind: 'closed', name: 'Christmas Day', date: '12-25' }]);
    expect(byName("New Year's Eve early close")).toEqual([{ kind: 'hours', name: "New Year's Eve early close", date: '12-31', hours: [{ open: '09:00', close: '13:00' }] }]);
    expect(byName('Thanksgiving break')?.map((e) => `${e.date}..${e.until}`)).toEqual(['2027-11-25..2027-11-26', '2028-11-23..2028-11-24', '2029-11-22..2029-11-23']);
    expect(byName('Team training day')?.map((e) => e.date)).toEqual(['2027-01-08', '2027-02-12', '2027-04-09', '2027-05-14', '2027-06-11']);
    expect(byName('Founders day')?.map((e) => e.date)).toEqual(['2027-03-15', '2029-03-15']);
    expect(byName('Founders day (moved)')?.map((e) => e.date)).toEqual(['2028-03-17']);
    // A UTC time becomes New York summer time.
    expect(byName('Phone system maintenance window')).toEqual([{ kind: 'hours', name: 'Phone system maintenance window', date: '2027-06-10', hours: [{ open: '10:00', close: '12:00' }] }]);
    expect(result.warnings.map((w) => `${w.line} ${w.uid}`)).toEqual(['null todo-0007@google.com', '39 thanksgiving-0002@google.com', '65 training-0004@google.com', '79 founders-0005@google.com']);
    expect(result.warnings[0]?.message).toBe('VTODO skipped: only events (VEVENT) are read');
    expect(result.warnings[1]?.message).toMatch(/^"Thanksgiving break" repeats by a rule that is not a plain yearly date \(FREQ=YEARLY;BYMONTH=11;BYDAY=4TH\): expanded to 3 one-off entries/);
    expect(result.warnings[2]?.message).toContain('expanded to 5 one-off entries within 2026-12-01 – 2029-11-30, 1 excluded by EXDATE or RECURRENCE-ID');
    compiles(result.document);
  });

  it('says clearly when a file is not iCalendar', () => {
    const result = importIcs('this is not a calendar', { from: '2027-01-01' });
    expect(result.document).toBeNull();
    expect(result.warnings[0]?.message).toMatch(/^not an iCalendar file: /);
  });
});

describe('exportIcs', () => {
  it('writes a calendar other programs read, and importing it again gives the same entries', () => {
    const document = CalendarDocumentSchema.parse({
      name: 'CN-2027',
      timezone: 'Asia/Shanghai',
      entries: [
        { kind: 'closed', name: 'Spring Festival', date: '2027-02-06', until: '2027-02-13' },
        { kind: 'workday', name: 'Make-up day', date: '2027-02-20', as: 'friday' },
        { kind: 'hours', name: 'Christmas Eve', date: '12-24', hours: [{ open: '09:00', close: '15:00' }] },
        { kind: 'closed', name: 'Winter break', date: '12-30', until: '01-02' },
        { kind: 'closed', name: 'Leap day', date: '02-29' },
      ],
    });
    const text = exportIcs(document, Date.parse('2026-12-03T10:00:00Z'));
    expect(text).toContain('BEGIN:VCALENDAR\r\n');
    expect(text).toContain('X-WR-TIMEZONE:Asia/Shanghai\r\n');
    expect(text).toContain('DTSTART;VALUE=DATE:20270206\r\nDTEND;VALUE=DATE:20270214\r\n');
    expect(text).toContain('DTSTART;TZID=Asia/Shanghai:20281224T090000\r\n');
    expect(text).toContain('DTSTAMP:20261203T100000Z\r\n');
    const again = importIcs(text, { from: '2027-01-01' });
    expect(again.warnings).toEqual([]);
    expect(again.document).toEqual({ ...document, description: '' });
  });
});
