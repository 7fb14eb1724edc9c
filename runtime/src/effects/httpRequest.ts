import { answer } from './report.js';
import type { EffectExecutor } from './types.js';

/** Response bodies are cut here: a flow reads a few fields, not a download. */
const MAX_BODY_CHARS = 64 * 1024;

/** The flow's HTTP call (CRM lookup…) with its timeout; errors and timeouts come back as `httpResult.error`. */
export const httpRequest: EffectExecutor<'httpRequest'> = (effect, ctx) => {
  const controller = new AbortController();
  const timer = ctx.clock.setTimeout(() => controller.abort(new Error(`timed out after ${effect.timeoutMs} ms`)), effect.timeoutMs);
  const forget = ctx.onEnd(() => controller.abort(new Error('call ended')));
  const done = (): void => {
    ctx.clock.clearTimeout(timer);
    forget();
  };
  ctx.services
    .fetch(effect.url, { method: effect.method, headers: effect.headers, signal: controller.signal, ...(effect.body === null ? {} : { body: effect.body }) })
    .then(async (response) => {
      const body = (await response.text()).slice(0, MAX_BODY_CHARS);
      done();
      answer(ctx, effect.seq, { type: 'httpResult', status: response.status, body });
    })
    .catch((error: unknown) => {
      done();
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      answer(ctx, effect.seq, { type: 'httpResult', error: reason instanceof Error ? reason.message : String(reason) });
    });
};
