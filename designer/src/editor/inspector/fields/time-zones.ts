/** Used when the browser cannot list its time zones. */
const COMMON_ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Sydney'];

let zones: readonly string[] | undefined;

/** Every IANA time zone the browser knows (computed once). */
export function timeZones(): readonly string[] {
  if (!zones) {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    const supported = intl.supportedValuesOf?.('timeZone') ?? COMMON_ZONES;
    zones = supported.includes('UTC') ? supported : ['UTC', ...supported];
  }
  return zones;
}
