/** Exponential backoff settings for reconnecting to FreeSWITCH. */
export interface BackoffOptions {
  /** First delay in ms. Default 100. */
  readonly initialMs: number;
  /** Upper bound in ms. Default 10,000. */
  readonly maxMs: number;
  /** Growth per failed attempt. Default 2. */
  readonly factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 10_000, factor: 2 };

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential growth capped at `maxMs`, with "equal
 * jitter" (half fixed, half random) so a fleet of runtimes does not reconnect in lockstep after a restart.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * options.factor ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
