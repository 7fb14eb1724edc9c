import { backoffDelay } from '../esl/index.js';

export interface RetryDelays {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * Retries per key (one binding, one calendar, `*` for a full load) with backoff and jitter: a failure schedules
 * `again` after the key's next delay, a success forgets the key. Timers never keep the process alive.
 */
export class KeyedRetries {
  private readonly pending = new Map<string, { attempt: number; timer: NodeJS.Timeout }>();

  constructor(private readonly delays: RetryDelays = { initialMs: 500, maxMs: 30_000 }) {}

  succeeded(key: string): void {
    const retry = this.pending.get(key);
    if (retry) clearTimeout(retry.timer);
    this.pending.delete(key);
  }

  /** Schedules `again` for `key`; returns the delay, for the log. */
  failed(key: string, again: () => Promise<void>): number {
    const previous = this.pending.get(key);
    if (previous) clearTimeout(previous.timer);
    const attempt = (previous?.attempt ?? -1) + 1;
    const delay = backoffDelay(attempt, { ...this.delays, factor: 2 });
    const timer = setTimeout(() => void again(), delay);
    timer.unref();
    this.pending.set(key, { attempt, timer });
    return delay;
  }

  clear(): void {
    for (const retry of this.pending.values()) clearTimeout(retry.timer);
    this.pending.clear();
  }
}
