import { IANAZone } from 'luxon';

const validity = new Map<string, string | null>();

/**
 * The canonical IANA name of a time zone, or null when the zone is unknown. Memoised: luxon builds an
 * `Intl.DateTimeFormat` per check, which made zone validation the most expensive part of compiling a large flow.
 */
export function canonicalTimeZone(zone: string): string | null {
  let known = validity.get(zone);
  if (known === undefined) {
    known = IANAZone.isValidZone(zone) ? IANAZone.create(zone).name : null;
    if (validity.size > 1000) validity.clear();
    validity.set(zone, known);
  }
  return known;
}

/** True when `zone` is an IANA time zone this runtime knows (e.g. Europe/London). */
export function isKnownTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null;
}
