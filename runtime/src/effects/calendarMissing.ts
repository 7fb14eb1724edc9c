import type { EffectExecutor } from './types.js';

/** A schedule named a calendar this runtime does not have (deleted, or not loaded yet): it decided without it. */
export const calendarMissing: EffectExecutor<'calendarMissing'> = (effect, ctx) => {
  ctx.logger.warn({ node: effect.nodeId, calendar: effect.calendar }, effect.reason);
};
