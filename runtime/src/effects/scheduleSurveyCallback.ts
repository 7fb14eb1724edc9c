import { answer } from './report.js';
import type { EffectExecutor } from './types.js';

/**
 * Books a survey call-back with the callback service (durable, placed once by one dialer, retried): the caller is
 * called `delayMs` after this call ends and asked the survey's questions; the ratings count for this call.
 */
export const scheduleSurveyCallback: EffectExecutor<'scheduleSurveyCallback'> = (effect, ctx) => {
  ctx.services.callbacks
    .scheduleSurvey({ callId: ctx.callId, number: effect.number, delayMs: effect.delayMs, survey: effect.survey, requestedAt: ctx.clock.now() })
    .then(
      (booking) => {
        if (booking.ok) answer(ctx, effect.seq, { type: 'callbackResult', ok: true, callbackId: booking.callbackId });
        else answer(ctx, effect.seq, { type: 'callbackResult', ok: false, reason: booking.reason, error: booking.message });
      },
      (error: unknown) => {
        ctx.logger.warn({ err: String(error) }, 'survey call-back not stored');
        answer(ctx, effect.seq, { type: 'callbackResult', ok: false, reason: 'error', error: error instanceof Error ? error.message : String(error) });
      },
    );
};
