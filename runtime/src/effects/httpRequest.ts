import { answer } from './report.js';
import type { EffectExecutor } from './types.js';

/** Response bodies larger than this fail the request: a flow reads a few fields, not a download. */
export const DEFAULT_MAX_HTTP_BODY_BYTES = 64 * 1024;

/** A response body that went past the limit; reading stopped there and the connection was closed. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
}

/**
 * Reads `body` as UTF-8 text, chunk by chunk, and stops (cancelling the stream, which closes the connection) as
 * soon as more than `limit` bytes have arrived. At most `limit` plus one chunk is ever read.
 */
export async function readBodyWithin(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (body === null) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > limit) {
      const error = new ResponseTooLargeError(`response body larger than ${limit} bytes; stopped reading`);
      await reader.cancel(error).catch(() => undefined);
      throw error;
    }
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * The flow's HTTP call (CRM lookup…). The node's timeout covers connecting, the headers and the whole body;
 * errors, refusals by the address policy, timeouts and oversize bodies come back as `httpResult.error` (the
 * node's error outlet).
 */
export const httpRequest: EffectExecutor<'httpRequest'> = (effect, ctx) => {
  const controller = new AbortController();
  const timer = ctx.clock.setTimeout(() => controller.abort(new Error(`timed out after ${effect.timeoutMs} ms`)), effect.timeoutMs);
  const forget = ctx.onEnd(() => controller.abort(new Error('call ended')));
  const done = (): void => {
    ctx.clock.clearTimeout(timer);
    forget();
  };
  const limit = ctx.services.maxHttpBodyBytes ?? DEFAULT_MAX_HTTP_BODY_BYTES;
  ctx.services
    .fetch(effect.url, { method: effect.method, headers: effect.headers, signal: controller.signal, redirect: 'follow', ...(effect.body === null ? {} : { body: effect.body }) })
    .then(async (response) => {
      const body = await readBodyWithin(response.body, limit);
      done();
      answer(ctx, effect.seq, { type: 'httpResult', status: response.status, body });
    })
    .catch((error: unknown) => {
      done();
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      const message = reason instanceof Error ? reason.message : String(reason);
      ctx.logger.info({ url: withoutQuery(effect.url), reason: message }, 'flow HTTP request failed');
      answer(ctx, effect.seq, { type: 'httpResult', error: message });
    });
};

/** The URL without its query (which may carry the caller's number or a token), for logs. */
function withoutQuery(url: string): string {
  return url.split(/[?#]/, 1)[0] ?? '';
}
