import type { EffectExecutor } from './types.js';

/** A Sub-flow call nested too deep (usually flows calling each other in a cycle): worth an operator's attention. */
export const subflowRefused: EffectExecutor<'subflowRefused'> = (effect, ctx) => {
  ctx.logger.warn({ flow: effect.flow, limit: effect.limit, chain: effect.chain }, effect.reason);
};
