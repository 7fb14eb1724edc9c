import type { IncomingHttpHeaders } from "node:http";

/** Methods that change nothing; tRPC answers queries over GET and refuses mutations over it. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a request may not change anything, or null when it may: cross-site request forgery protection in addition
 * to the `SameSite=Strict` session cookie. The same rule as Go's `http.CrossOriginProtection`:
 *
 * - GET, HEAD and OPTIONS pass (they change nothing).
 * - `Sec-Fetch-Site: same-origin` or `none` (typed in the address bar) passes; any other value is refused unless
 *   `Origin` is one of the trusted origins.
 * - Without `Sec-Fetch-Site` (older browsers, plain HTTP on another host): an `Origin` whose host is the request's
 *   `Host`, or a trusted origin, passes; any other `Origin` (including `null`) is refused.
 * - Neither header: not a browser (flowctl, curl, scripts). Browsers send `Origin` with every POST, so such a
 *   request cannot have been forged by a web page; it still needs its own session cookie to do anything.
 */
export function crossOriginRefusal(method: string | undefined, headers: IncomingHttpHeaders, trustedOrigins: readonly string[]): string | null {
  if (SAFE_METHODS.has((method ?? "GET").toUpperCase())) return null;
  const origin = single(headers.origin);
  const fetchSite = single(headers["sec-fetch-site"])?.toLowerCase();
  if (origin !== undefined && trustedOrigins.includes(origin)) return null;
  if (fetchSite !== undefined && fetchSite !== "") {
    if (fetchSite === "same-origin" || fetchSite === "none") return null;
    return refusal(origin ?? `a ${fetchSite} page`);
  }
  if (origin === undefined) return null;
  if (hostOf(origin) !== undefined && hostOf(origin) === single(headers.host)?.toLowerCase()) return null;
  return refusal(origin);
}

function refusal(from: string): string {
  return (
    `Cross-site request refused: changes must come from this server's own pages, not from ${from}. ` +
    `If that origin is yours, add it to SWITCHBOARD_TRUSTED_ORIGINS.`
  );
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}
