/**
 * How much the API accepts before it does any work: request body size, JSON nesting depth, text length, which
 * other origins may send mutations, and how sign-in failures are throttled. Every limit has a safe default and an
 * environment variable (documented in designer/server/README.md).
 */
export interface ApiLimits {
  /** Largest request body read, in bytes; larger ones get 413 without being read (`SWITCHBOARD_MAX_BODY_BYTES`). */
  readonly maxBodyBytes: number;
  /** Deepest nesting of arrays and objects in a request's input (`SWITCHBOARD_MAX_JSON_DEPTH`). */
  readonly maxJsonDepth: number;
  /** Longest single text (any string or object key) in a request's input, in characters (`SWITCHBOARD_MAX_TEXT_LENGTH`). */
  readonly maxTextLength: number;
  /**
   * Origins besides the server's own that may send mutations, e.g. `https://designer.example.com`
   * (`SWITCHBOARD_TRUSTED_ORIGINS`, comma-separated).
   */
  readonly trustedOrigins: readonly string[];
  readonly loginThrottle: LoginThrottleLimits;
}

/**
 * Sign-in throttling, per account and address and per address alone (see login-throttle.ts): after `freeFailures`
 * failures the next attempt waits `firstDelayMs`, doubling with each further failure up to `maxDelayMs`.
 * Failures older than `forgetAfterMs` are forgotten.
 */
export interface LoginThrottleLimits {
  /** Failures of one account from one address before waits begin (`SWITCHBOARD_LOGIN_FREE_FAILURES`). */
  readonly freeFailures: number;
  /** Failures from one address, whatever the account, before waits begin for that address. */
  readonly addressFreeFailures: number;
  readonly firstDelayMs: number;
  /** The longest wait (`SWITCHBOARD_LOGIN_MAX_DELAY_SECONDS`). */
  readonly maxDelayMs: number;
  readonly forgetAfterMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleLimits = {
  freeFailures: 5,
  addressFreeFailures: 30,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

export const DEFAULT_API_LIMITS: ApiLimits = {
  // The largest legitimate request is an import of up to 200 flow documents; 10 MiB holds 200 flows of ~250 nodes.
  maxBodyBytes: 10 * 1024 * 1024,
  maxJsonDepth: 64,
  maxTextLength: 100_000,
  trustedOrigins: [],
  loginThrottle: DEFAULT_LOGIN_THROTTLE,
};

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`${name} must be a whole number greater than 0, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** `https://host[:port]` as browsers send it in `Origin` (no path, no trailing slash). */
export function normaliseOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The limits from the environment; a malformed value is an error naming the variable. */
export function apiLimitsFromEnv(env: NodeJS.ProcessEnv): ApiLimits {
  const trustedOrigins = (env.SWITCHBOARD_TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "")
    .map((origin) => {
      const normalised = normaliseOrigin(origin);
      if (!normalised) throw new Error(`SWITCHBOARD_TRUSTED_ORIGINS: "${origin}" is not an origin such as https://designer.example.com`);
      return normalised;
    });
  return {
    maxBodyBytes: positiveInteger(env, "SWITCHBOARD_MAX_BODY_BYTES", DEFAULT_API_LIMITS.maxBodyBytes),
    maxJsonDepth: positiveInteger(env, "SWITCHBOARD_MAX_JSON_DEPTH", DEFAULT_API_LIMITS.maxJsonDepth),
    maxTextLength: positiveInteger(env, "SWITCHBOARD_MAX_TEXT_LENGTH", DEFAULT_API_LIMITS.maxTextLength),
    trustedOrigins,
    loginThrottle: {
      ...DEFAULT_LOGIN_THROTTLE,
      freeFailures: positiveInteger(env, "SWITCHBOARD_LOGIN_FREE_FAILURES", DEFAULT_LOGIN_THROTTLE.freeFailures),
      maxDelayMs: positiveInteger(env, "SWITCHBOARD_LOGIN_MAX_DELAY_SECONDS", DEFAULT_LOGIN_THROTTLE.maxDelayMs / 1000) * 1000,
    },
  };
}

/** `10 MiB`, `512 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
