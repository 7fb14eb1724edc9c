import type { EffectExecutor } from './types.js';

/** A node was entered: analytics (batched by the service; it also stores how the previous node was left) and the node-visit counter. */
export const visit: EffectExecutor<'visit'> = (effect, ctx) => {
  ctx.metrics.nodeVisited(effect.flow, effect.nodeId);
  ctx.services.analytics.nodeVisited({ callId: ctx.callId, flowName: effect.flow, nodeId: effect.nodeId, nodeType: effect.nodeType, at: effect.at, arrivedFrom: effect.arrivedFrom });
};
