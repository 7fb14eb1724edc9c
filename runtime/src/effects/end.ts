import type { EffectExecutor } from './types.js';

/**
 * The flow is over: the session writes the call record (the flow's outcome, unless the runtime knows better —
 * a lost switch connection, a shutdown cut) and winds the call down.
 */
export const end: EffectExecutor<'end'> = (effect, ctx) => {
  ctx.ended(effect);
};
