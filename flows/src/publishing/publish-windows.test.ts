import { describe, expect, it } from 'vitest';
import { checkWindow, instantOfLocalTime, localTimeIn, timelineFrom, windowsOverlap, type PublishWindow } from './publish-windows.js';

const at = (local: string, zone: string) => {
  const result = instantOfLocalTime(local, zone);
  if (!result.ok) throw new Error(result.message);
  return result.at;
};
const iso = (ms: number) => new Date(ms).toISOString();

describe('wall-clock times in a binding time zone', () => {
  it('turns local times into instants with the offset of that day (DST-correct)', () => {
    expect(iso(at('2026-12-24T00:00', 'Europe/London'))).toBe('2026-12-24T00:00:00.000Z');
    expect(iso(at('2026-07-01T09:00', 'Europe/London'))).toBe('2026-07-01T08:00:00.000Z');
    expect(iso(at('2026-12-24T00:00', 'America/New_York'))).toBe('2026-12-24T05:00:00.000Z');
    // a zone without DST: the same offset all year
    expect(iso(at('2026-07-01T09:00', 'Asia/Shanghai'))).toBe('2026-07-01T01:00:00.000Z');
    expect(iso(at('2026-12-24T09:00', 'Asia/Shanghai'))).toBe('2026-12-24T01:00:00.000Z');
  });

  it('refuses a time the clocks skip, naming the zone and the first valid time after it', () => {
    const gap = instantOfLocalTime('2027-03-28T01:30', 'Europe/London');
    expect(gap).toEqual({ ok: false, message: '2027-03-28T01:30 does not exist in Europe/London: the clocks go forward then (try 2027-03-28T02:30)' });
  });

  it('takes the first of the two instants of a repeated hour (clocks go back)', () => {
    // 2026-10-25 01:30 happens at 00:30Z (BST) and again at 01:30Z (GMT) in London
    expect(iso(at('2026-10-25T01:30', 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
    expect(localTimeIn(Date.parse('2026-10-25T01:30:00Z'), 'Europe/London')).toBe('2026-10-25T01:30');
  });

  it('refuses unknown zones and malformed times, saying what is expected', () => {
    expect(instantOfLocalTime('2026-12-24T00:00', 'Mars/Olympus')).toEqual({ ok: false, message: '"Mars/Olympus" is not an IANA time zone such as Europe/London' });
    expect(instantOfLocalTime('24.12.2026 00:00', 'UTC')).toMatchObject({ ok: false, message: expect.stringContaining('such as 2026-12-24T00:00') });
    expect(instantOfLocalTime('2026-02-30T00:00', 'UTC')).toMatchObject({ ok: false });
  });
});

const window = (id: string, from: string, to: string | null, status: PublishWindow['status'] = 'pending', label = `holiday v${id}`): PublishWindow => ({
  id,
  startsAt: Date.parse(`${from}Z`),
  endsAt: to === null ? null : Date.parse(`${to}Z`),
  status,
  label,
});
const NOW = Date.parse('2026-12-01T00:00Z');

describe('the rules a schedule must meet', () => {
  const christmas = window('1', '2026-12-24T00:00', '2026-12-27T00:00');

  it('accepts a future window that touches another end-to-start', () => {
    expect(checkWindow({ startsAt: christmas.endsAt!, endsAt: Date.parse('2026-12-28T00:00Z') }, [christmas], NOW, 'UTC')).toEqual({ ok: true });
  });

  it('refuses overlaps, naming the other schedule and its times', () => {
    const result = checkWindow({ startsAt: Date.parse('2026-12-26T00:00Z'), endsAt: Date.parse('2027-01-02T00:00Z') }, [christmas], NOW, 'UTC');
    expect(result).toEqual({ ok: false, field: 'startsAt', message: 'Overlaps the schedule of holiday v1 from 2026-12-24T00:00 until 2026-12-27T00:00 (UTC); change or cancel that one first' });
    // an open-ended schedule overlaps everything after its start
    const forever = window('2', '2027-01-10T00:00', null);
    expect(checkWindow({ startsAt: Date.parse('2027-03-01T00:00Z'), endsAt: null }, [forever], NOW, 'UTC')).toMatchObject({ ok: false, message: expect.stringContaining('with no end') });
    // cancelled and finished schedules hold no time
    expect(checkWindow({ startsAt: christmas.startsAt, endsAt: christmas.endsAt }, [{ ...christmas, status: 'cancelled' }], NOW, 'UTC')).toEqual({ ok: true });
    // editing a schedule does not clash with itself
    expect(checkWindow({ id: '1', startsAt: christmas.startsAt, endsAt: Date.parse('2026-12-28T00:00Z') }, [christmas], NOW, 'UTC')).toEqual({ ok: true });
  });

  it('refuses an end before the start and a start in the past', () => {
    expect(checkWindow({ startsAt: christmas.endsAt!, endsAt: christmas.startsAt }, [], NOW, 'UTC')).toMatchObject({ ok: false, field: 'endsAt', message: 'The end 2026-12-24T00:00 is not after the start 2026-12-27T00:00 (UTC)' });
    expect(checkWindow({ startsAt: NOW - 60_000, endsAt: null }, [], NOW, 'Asia/Shanghai')).toMatchObject({ ok: false, field: 'startsAt', message: 'The start 2026-12-01T07:59 (Asia/Shanghai) is in the past; choose a later time' });
    // a live window may move its end, but not into the past
    expect(checkWindow({ id: '1', startsAt: NOW - 60_000, endsAt: NOW + 60_000 }, [], NOW, 'UTC', true)).toEqual({ ok: true });
    expect(checkWindow({ id: '1', startsAt: NOW - 60_000, endsAt: NOW - 1 }, [], NOW, 'UTC', true)).toMatchObject({ ok: false, field: 'endsAt' });
  });
});

describe('the timeline of a binding', () => {
  it('shows the live version, each window, and the revert to what ran before', () => {
    const segments = timelineFrom(NOW, 'main v4', null, [window('2', '2027-01-01T00:00', null, 'pending', 'new-year v1'), window('1', '2026-12-24T00:00', '2026-12-27T00:00')]);
    expect(segments.map((s) => [iso(s.from), s.to === null ? null : iso(s.to), s.label])).toEqual([
      ['2026-12-01T00:00:00.000Z', '2026-12-24T00:00:00.000Z', 'main v4'],
      ['2026-12-24T00:00:00.000Z', '2026-12-27T00:00:00.000Z', 'holiday v1'],
      ['2026-12-27T00:00:00.000Z', '2027-01-01T00:00:00.000Z', 'main v4'],
      ['2027-01-01T00:00:00.000Z', null, 'new-year v1'],
    ]);
  });

  it('starts with a live window and its revert target', () => {
    const live = window('1', '2026-11-30T00:00', '2026-12-02T00:00', 'active');
    expect(timelineFrom(NOW, 'holiday v1', 'main v4', [live]).map((s) => [s.label, s.scheduleId])).toEqual([
      ['holiday v1', '1'],
      ['main v4', null],
    ]);
    expect(windowsOverlap(live, { startsAt: live.endsAt!, endsAt: null })).toBe(false);
  });
});
