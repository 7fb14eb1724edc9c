/**
 * The observer's record of switch events, indexed by channel, and the waits on it.
 *
 * Every look costs what it looks at, never the whole history: a wait on one channel tests that channel's events,
 * a wait for something new tests only what arrived after it began. The suite runs the runtimes under test in its
 * own process, so a scan of the history is a stall of their sockets too. By the end of a 200-call test the history
 * holds tens of thousands of events; finding each new call's b-leg by scanning it all (with an `indexOf` per event,
 * quadratic) blocked the event loop for seconds per call, runtimes' handshakes waited behind it, and calls went
 * unanswered for 60 s (`rolling-restart.test.ts` at 100 live calls).
 */

/** What a recorded event must carry: the channel it belongs to (`Unique-ID`, empty for none). */
export interface ChannelEvent {
  readonly uuid: string;
}

/** Where a wait looks: one channel's events, or the events recorded from index `from` on (a {@link EventLog.length}). */
export type WaitScope = { readonly channel: string } | { readonly from: number };

interface Waiter<E> {
  readonly test: (event: E) => boolean;
  readonly resolve: (event: E) => void;
}

export class EventLog<E extends ChannelEvent> {
  private readonly events: E[] = [];
  private readonly byChannel = new Map<string, E[]>();
  /** Waits on any channel, and waits on one channel (keyed by its uuid). */
  private readonly anyWaiters = new Set<Waiter<E>>();
  private readonly channelWaiters = new Map<string, Set<Waiter<E>>>();

  /** Every event so far, in arrival order. */
  get all(): readonly E[] {
    return this.events;
  }

  /** How many events so far: the `from` of a wait for what comes next. */
  get length(): number {
    return this.events.length;
  }

  /** The events of channel `uuid` so far, in order. */
  of(uuid: string): readonly E[] {
    return this.byChannel.get(uuid) ?? [];
  }

  record(event: E): void {
    this.events.push(event);
    let own = this.byChannel.get(event.uuid);
    if (!own) this.byChannel.set(event.uuid, (own = []));
    own.push(event);
    const waiting = this.channelWaiters.get(event.uuid);
    if (waiting) {
      this.offer(event, waiting);
      if (waiting.size === 0) this.channelWaiters.delete(event.uuid);
    }
    if (this.anyWaiters.size > 0) this.offer(event, this.anyWaiters);
  }

  /** Resolves with the first recorded or future event in `scope` that `test` accepts; rejects after `timeoutMs`. */
  waitFor(test: (event: E) => boolean, timeoutMs: number, what: string, scope: WaitScope = { from: 0 }): Promise<E> {
    const already = this.find(test, scope);
    if (already) return Promise.resolve(already);
    // Events recorded from now on are all past `from`, and a channel's waiters only ever see that channel's.
    const channel = 'channel' in scope ? scope.channel : undefined;
    const waiters = channel === undefined ? this.anyWaiters : this.channelSet(channel);
    return new Promise((resolve, reject) => {
      const waiter: Waiter<E> = {
        test,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        if (channel !== undefined && waiters.size === 0 && this.channelWaiters.get(channel) === waiters) this.channelWaiters.delete(channel);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  private find(test: (event: E) => boolean, scope: WaitScope): E | undefined {
    if ('channel' in scope) return this.of(scope.channel).find(test);
    for (let index = scope.from; index < this.events.length; index++) {
      const event = this.events[index] as E;
      if (test(event)) return event;
    }
    return undefined;
  }

  private channelSet(uuid: string): Set<Waiter<E>> {
    let set = this.channelWaiters.get(uuid);
    if (!set) this.channelWaiters.set(uuid, (set = new Set()));
    return set;
  }

  private offer(event: E, waiters: Set<Waiter<E>>): void {
    for (const waiter of [...waiters]) {
      if (!waiter.test(event)) continue;
      waiters.delete(waiter);
      waiter.resolve(event);
    }
  }
}
