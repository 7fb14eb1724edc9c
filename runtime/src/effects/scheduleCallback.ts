import { answer } from './report.js';
import type { EffectExecutor } from './types.js';

/** Stores a keep-your-place callback with the callback service (one per number and queue). */
export const scheduleCallback: EffectExecutor<'scheduleCallback'> = (effect, ctx) => {
  ctx.services.callbacks
    .schedule({
      callId: ctx.callId,
      queue: effect.queue,
      number: effect.number,
      keepPlace: effect.keepPlace,
      originalWaitSeconds: effect.originalWaitSeconds,
      priority: effect.priority,
      window: effect.window,
      requestedAt: ctx.clock.now(),
    })
    .then(
      (booking) => {
        if (booking.ok) answer(ctx, effect.seq, { type: 'callbackResult', ok: true, callbackId: booking.callbackId });
        else answer(ctx, effect.seq, { type: 'callbackResult', ok: false, reason: booking.reason, error: booking.message });
      },
      (error: unknown) => {
        ctx.logger.warn({ err: String(error) }, 'callback not stored');
        answer(ctx, effect.seq, { type: 'callbackResult', ok: false, reason: 'error', error: error instanceof Error ? error.message : String(error) });
      },
    );
};
