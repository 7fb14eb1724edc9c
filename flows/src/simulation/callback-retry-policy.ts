/**
 * How the runtime's callback dialer retries a callback whose callee did not take it (`-ERR <cause>` from
 * originate): up to `maxAttempts` attempts, the next one `retryBaseMs` after a failed one, doubling, at most
 * `retryMaxMs`; a callee's phone rings `ringSeconds` before the attempt counts as NO_ANSWER. One policy, read by
 * the dialer (runtime/src/services/callbacks/callback-dialer.ts) and by the simulator's survey call-back.
 */
export const CALLBACK_RETRY_POLICY = {
  maxAttempts: 3,
  retryBaseMs: 2 * 60_000,
  retryMaxMs: 30 * 60_000,
  ringSeconds: 45,
} as const;

/** How long after failed attempt number `attempt` (1-based) the next one is made. */
export function callbackRetryDelayMs(attempt: number, policy: { retryBaseMs: number; retryMaxMs: number } = CALLBACK_RETRY_POLICY): number {
  return Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** (Math.max(1, attempt) - 1));
}
