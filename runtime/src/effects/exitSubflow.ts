import type { EffectExecutor } from './types.js';

export const exitSubflow: EffectExecutor<'exitSubflow'> = (effect, ctx) => {
  ctx.logger.debug({ flow: effect.flow, outcome: effect.outcome }, 'returned from sub-flow');
};
