import { answer, reportFailure } from './report.js';
import type { EffectExecutor } from './types.js';

/** How busy the queue is, from the queue service, for the overflow checks before joining. */
export const queueStatus: EffectExecutor<'queueStatus'> = (effect, ctx) => {
  ctx.services.queues.snapshot(effect.queue).then(
    (snapshot) => answer(ctx, effect.seq, { type: 'queueStatus', ...snapshot }),
    (error: unknown) => reportFailure(ctx, effect.seq, error),
  );
};
