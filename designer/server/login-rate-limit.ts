/**
 * Counts failed logins in a sliding window, per account and per client address, in process memory (one
 * Switchboard process serves the API). A success clears the account's failures.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly limits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 },
  ) {}

  /** Milliseconds until another attempt is allowed, or 0 when one may be made now. */
  retryAfterMs(email: string, address: string, now: number): number {
    const waits = [
      this.wait(`account:${email.toLowerCase()}`, this.limits.perAccount, now),
      this.wait(`address:${address}`, this.limits.perAddress, now),
    ];
    return Math.max(...waits);
  }

  recordFailure(email: string, address: string, now: number): void {
    for (const key of [`account:${email.toLowerCase()}`, `address:${address}`]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
  }

  recordSuccess(email: string): void {
    this.failures.delete(`account:${email.toLowerCase()}`);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < this.limits.windowMs);
  }

  private wait(key: string, limit: number, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < limit) return 0;
    return recent[recent.length - limit]! + this.limits.windowMs - now;
  }
}
