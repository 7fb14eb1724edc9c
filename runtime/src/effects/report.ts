import type { CallEvent } from '@switchboard/flows';
import { ChannelGoneError } from '../esl/index.js';
import type { EffectContext } from './types.js';

/**
 * Reports a failed awaited effect as `effectFailed` (so the flow takes its failure route) — unless the caller
 * is gone, which the session reports as a hangup instead.
 */
export function reportFailure(ctx: EffectContext, seq: number | undefined, error: unknown): void {
  if (error instanceof ChannelGoneError || ctx.channel.isGone) return;
  const message = error instanceof Error ? error.message : String(error);
  ctx.logger.warn({ err: message, seq }, 'effect failed');
  ctx.deliver({ type: 'effectFailed', at: ctx.clock.now(), message, ...(seq === undefined ? {} : { seq }) });
}

/** An event without its time and seq (distributed over the union, so each event type keeps its own fields). */
export type Answer = CallEvent extends infer E ? (E extends CallEvent ? Omit<E, 'at' | 'seq'> : never) : never;

/** Stamps an answer with the current time and the awaited effect's seq. */
export function answer(ctx: EffectContext, seq: number | undefined, event: Answer): void {
  ctx.deliver({ ...event, at: ctx.clock.now(), ...(seq === undefined ? {} : { seq }) } as CallEvent);
}
