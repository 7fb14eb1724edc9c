import { timeZonesNames } from '@vvo/tzdb';

let zones: readonly string[] | undefined;

function supported(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The IANA time zones to offer, by their current names (Asia/Kolkata, Europe/Kyiv — browsers still list the old
 * Asia/Calcutta, Europe/Kiev), from the tz database's own list, keeping those this browser can use. Computed once.
 */
export function timeZones(): readonly string[] {
  zones ??= ['UTC', ...[...timeZonesNames].sort().filter((zone) => zone !== 'UTC' && supported(zone))];
  return zones;
}
