import type { EffectExecutor } from './types.js';

/** The caller rated the call: kept with the call's analytics and stored on its record when it ends. */
export const surveyAnswer: EffectExecutor<'surveyAnswer'> = (effect, ctx) => {
  ctx.services.analytics.surveyAnswered({ callId: ctx.callId, nodeId: effect.nodeId, question: effect.question, score: effect.score, at: ctx.clock.now() });
};
