import type { EffectExecutor } from './types.js';

export const cancelTimer: EffectExecutor<'cancelTimer'> = (effect, ctx) => {
  ctx.timers.cancel(effect.name);
};
