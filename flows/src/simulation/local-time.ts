import { DateTime } from 'luxon';

/**
 * Epoch milliseconds of a local date and time (`2026-12-25T10:00`) in an IANA zone. The simulated call's clock
 * starts here: time reaches the interpreter as data, so a test call can happen on Christmas Eve.
 * Returns null when the text or the zone is not valid.
 */
export function epochOfLocalTime(localTime: string, timezone: string): number | null {
  const local = DateTime.fromISO(localTime, { zone: timezone });
  return local.isValid ? local.toMillis() : null;
}

/** The local date and time of `at` in `timezone`, as `2026-12-25T10:00:05` (for transcripts). */
export function localTimeOf(at: number, timezone: string): string {
  const local = DateTime.fromMillis(at, { zone: timezone });
  return local.isValid ? local.toFormat("yyyy-LL-dd'T'HH:mm:ss") : '';
}
