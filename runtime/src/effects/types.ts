import type { CallEvent, EffectKind, EffectOf } from '@switchboard/flows';
import type { Logger } from 'pino';
import type { CallChannel } from '../call/channel.js';
import type { RuntimeClock } from '../call/clock.js';
import type { CallTimers } from '../call/timers.js';
import type { EslEvent } from '../esl/index.js';
import type { CommandSettings } from '../freeswitch/commands.js';
import type { CallAnalytics, CallbackService, QueueService } from '../services/contracts.js';

/** The services a call uses. */
export interface CallServices {
  readonly queues: QueueService;
  readonly callbacks: CallbackService;
  readonly analytics: CallAnalytics;
  /** `fetch` for httpRequest nodes (injected in tests). */
  readonly fetch: typeof fetch;
  /** Largest response body an httpRequest node reads (default 64 KiB); a larger one fails the request. */
  readonly maxHttpBodyBytes?: number;
}

/** Counters the executors feed (the session's metrics, narrowed). */
export interface EffectMetrics {
  nodeVisited(flow: string, nodeId: string): void;
}

/** The caller's wait in a mod_callcenter queue, shared by the enqueue, announce and leaveQueue executors. */
export interface QueueWait {
  readonly queue: string;
  /** Settles when the callcenter app has returned (and, after an agent answered, when that call ended). */
  readonly done: Promise<void>;
  /** Set by leaveQueue: the flow has left; how the wait ends is no longer the flow's news. */
  leaving: boolean;
  /** Set by enqueue: the wait ended on the runtime's own exit key (leaveQueue's, which then has nothing to flush). */
  leftOnRequest: boolean;
}

/** What an effect executor may use: the call's channel, timers and services, and a way to answer the flow. */
export interface EffectContext {
  readonly callId: string;
  readonly channel: CallChannel;
  readonly timers: CallTimers;
  readonly clock: RuntimeClock;
  readonly settings: CommandSettings;
  readonly services: CallServices;
  readonly metrics: EffectMetrics;
  readonly logger: Logger;
  /** The caller's wait in a queue, while there is one. */
  queueWait: QueueWait | null;
  /** Feeds an event to the interpreter (queued behind the one being handled). */
  deliver(event: CallEvent): void;
  /** Listens to this channel's events until the returned function is called (or the call ends). */
  onChannelEvent(listener: (event: EslEvent) => void): () => void;
  /** Subscribes the socket to more events once per call (e.g. `CUSTOM callcenter::info`). */
  subscribe(events: readonly string[]): Promise<void>;
  /** Runs `cleanup` when the call ends (abort requests, stop watchers). Returns a function that unregisters it. */
  onEnd(cleanup: () => void): () => void;
  /** The call's flow has ended: the session writes the call record's end from it. */
  ended(effect: EffectOf<'end'>): void;
}

/**
 * Carries out one effect. Returns a promise only when later effects must wait for it (leaving a queue must
 * finish before the next app is sent); awaited results come back through `ctx.deliver` with the effect's seq.
 */
export type EffectExecutor<K extends EffectKind> = (effect: EffectOf<K>, ctx: EffectContext) => void | Promise<void>;
