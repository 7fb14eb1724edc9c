import type { RuntimeClock } from './clock.js';

/** The flow's named timers for one call (`startTimer` / `cancelTimer`); all cleared when the call ends. */
export class CallTimers {
  private readonly handles = new Map<string, unknown>();

  constructor(private readonly clock: RuntimeClock) {}

  /** Starts (or restarts) the timer `name`; `fire` runs once when it expires. */
  start(name: string, afterMs: number, fire: () => void): void {
    this.cancel(name);
    const handle = this.clock.setTimeout(() => {
      this.handles.delete(name);
      fire();
    }, Math.max(0, afterMs));
    this.handles.set(name, handle);
  }

  cancel(name: string): void {
    const handle = this.handles.get(name);
    if (handle === undefined) return;
    this.clock.clearTimeout(handle);
    this.handles.delete(name);
  }

  /** Number of timers still pending. */
  get pending(): number {
    return this.handles.size;
  }

  clear(): void {
    for (const handle of this.handles.values()) this.clock.clearTimeout(handle);
    this.handles.clear();
  }
}
