import type { EffectExecutor } from './types.js';

/** A named timer owned by the call (e.g. the queue's max wait); cleared when the call ends. */
export const startTimer: EffectExecutor<'startTimer'> = (effect, ctx) => {
  ctx.timers.start(effect.name, effect.afterMs, () => ctx.deliver({ type: 'timer', at: ctx.clock.now(), name: effect.name }));
};
