import { DateTime } from 'luxon';
import { canonicalTimeZone } from '../util/time-zone.js';

/*
 * Scheduled publishing, the pure rules: wall-clock times in a binding's time zone → instants (DST-correct), the
 * overlap rule, and the timeline of what a binding runs when. No clock: "now" is always an argument.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export type LocalInstant = { ok: true; at: number } | { ok: false; message: string };

/**
 * The instant a wall-clock time `2026-12-24T00:00` names in `zone`. A time the clocks skip (spring forward) is
 * refused, naming the gap; a time that happens twice (fall back) is its first occurrence (the earlier offset).
 */
export function instantOfLocalTime(local: string, zone: string): LocalInstant {
  const canonical = canonicalTimeZone(zone);
  if (canonical === null) return { ok: false, message: `"${zone}" is not an IANA time zone such as Europe/London` };
  const match = LOCAL.exec(local);
  if (!match) return { ok: false, message: `"${local}" is not a local date and time such as 2026-12-24T00:00` };
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const parsed = DateTime.fromObject({ year, month, day, hour, minute }, { zone: canonical });
  if (!parsed.isValid) return { ok: false, message: `${local} is not a valid date and time` };
  if (parsed.year !== year || parsed.month !== month || parsed.day !== day || parsed.hour !== hour || parsed.minute !== minute) {
    return { ok: false, message: `${local} does not exist in ${canonical}: the clocks go forward then (try ${parsed.toFormat("yyyy-LL-dd'T'HH:mm")})` };
  }
  // Of two instants with this wall time (the hour repeated when clocks go back), take the earlier.
  const earlier = parsed.minus({ hours: 1 });
  const repeated = earlier.offset !== parsed.offset && earlier.toFormat('HH:mm') === parsed.toFormat('HH:mm') ? earlier : parsed;
  return { ok: true, at: repeated.toMillis() };
}

/** `at` as wall-clock time in `zone`: `2026-12-24T00:00`. */
export function localTimeIn(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone: canonicalTimeZone(zone) ?? 'UTC' }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** A scheduled publish as the rules see it. `endsAt` null: it stays live (no revert). */
export interface PublishWindow {
  id: string;
  startsAt: number;
  endsAt: number | null;
  status: 'pending' | 'active' | 'completed' | 'ended_early' | 'cancelled' | 'missed';
  /** What it puts live, for messages and the timeline: `holiday-hours v3`. */
  label: string;
}

/** Windows that still hold time on the binding (waiting or live). */
export function isOpenWindow(window: Pick<PublishWindow, 'status'>): boolean {
  return window.status === 'pending' || window.status === 'active';
}

/** Whether [a.start, a.end) and [b.start, b.end) share an instant; an open end runs for ever. */
export function windowsOverlap(a: { startsAt: number; endsAt: number | null }, b: { startsAt: number; endsAt: number | null }): boolean {
  return a.startsAt < (b.endsAt ?? Infinity) && b.startsAt < (a.endsAt ?? Infinity);
}

export type WindowCheck = { ok: true } | { ok: false; field: 'startsAt' | 'endsAt'; message: string };

/**
 * The rules a new or edited window must meet: start in the future (`now`), end after start, no overlap with
 * another open window of the same binding (named, with its times in `zone`). `startedAlready` relaxes the start
 * rule for a live window whose end time is being changed: only the end must still be in the future.
 */
export function checkWindow(
  candidate: { id?: string; startsAt: number; endsAt: number | null },
  others: readonly PublishWindow[],
  now: number,
  zone: string,
  startedAlready = false,
): WindowCheck {
  if (!startedAlready && candidate.startsAt <= now) {
    return { ok: false, field: 'startsAt', message: `The start ${localTimeIn(candidate.startsAt, zone)} (${zone}) is in the past; choose a later time` };
  }
  if (candidate.endsAt !== null && candidate.endsAt <= candidate.startsAt) {
    return { ok: false, field: 'endsAt', message: `The end ${localTimeIn(candidate.endsAt, zone)} is not after the start ${localTimeIn(candidate.startsAt, zone)} (${zone})` };
  }
  if (startedAlready && candidate.endsAt !== null && candidate.endsAt <= now) {
    return { ok: false, field: 'endsAt', message: `The end ${localTimeIn(candidate.endsAt, zone)} (${zone}) is in the past; choose a later time` };
  }
  const clash = others.find((other) => other.id !== candidate.id && isOpenWindow(other) && windowsOverlap(candidate, other));
  if (clash) {
    const until = clash.endsAt === null ? 'with no end' : `until ${localTimeIn(clash.endsAt, zone)}`;
    return {
      ok: false,
      field: 'startsAt',
      message: `Overlaps the schedule of ${clash.label} from ${localTimeIn(clash.startsAt, zone)} ${until} (${zone}); change or cancel that one first`,
    };
  }
  return { ok: true };
}

/** One stretch of a binding's timeline: what runs from `from` to `to` (null: open-ended). */
export interface TimelineSegment {
  from: number;
  to: number | null;
  label: string;
  /** The schedule that puts it live; null for what runs outside any window. */
  scheduleId: string | null;
}

/**
 * What a binding runs from `now` on: the live version until the first window, each window's version during it,
 * and after a window with an end what was live before it. A window live now starts the timeline. Windows are open
 * (pending or active) and never overlap (checkWindow), so the stretches follow one another.
 */
export function timelineFrom(now: number, liveLabel: string, activeRevertLabel: string | null, windows: readonly PublishWindow[]): TimelineSegment[] {
  const open = windows.filter(isOpenWindow).sort((a, b) => a.startsAt - b.startsAt);
  const segments: TimelineSegment[] = [];
  let running = liveLabel;
  let cursor = now;
  const active = open.find((w) => w.status === 'active');
  if (active) {
    segments.push({ from: active.startsAt, to: active.endsAt, label: active.label, scheduleId: active.id });
    if (active.endsAt === null) return segments;
    cursor = active.endsAt;
    running = activeRevertLabel ?? liveLabel;
  }
  for (const window of open) {
    if (window.status !== 'pending') continue;
    if (window.startsAt > cursor) segments.push({ from: cursor, to: window.startsAt, label: running, scheduleId: null });
    segments.push({ from: window.startsAt, to: window.endsAt, label: window.label, scheduleId: window.id });
    if (window.endsAt === null) return segments;
    cursor = window.endsAt;
  }
  segments.push({ from: cursor, to: null, label: running, scheduleId: null });
  return segments;
}
