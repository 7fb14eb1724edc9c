import type { EffectExecutor } from './types.js';

/** The flow is over: the call record, then the session winds the call down. */
export const end: EffectExecutor<'end'> = (effect, ctx) => {
  ctx.services.analytics.callEnded({ callId: ctx.callId, outcome: effect.outcome, nodeId: effect.nodeId, at: effect.at, reason: effect.reason });
  ctx.ended(effect);
};
