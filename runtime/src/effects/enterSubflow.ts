import type { EffectExecutor } from './types.js';

export const enterSubflow: EffectExecutor<'enterSubflow'> = (effect, ctx) => {
  ctx.logger.debug({ flow: effect.flow }, 'entered sub-flow');
};
