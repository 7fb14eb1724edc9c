import type { CallEvent } from '@switchboard/flows';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../call/clock.js';
import { FakeCallbackService, FakeQueueService, RecordingAnalytics } from '../testing/fakes.js';
import { httpRequest, readBodyWithin } from './httpRequest.js';
import type { EffectContext } from './types.js';

function context(fetchImpl: typeof fetch, delivered: CallEvent[], cleanups: Array<() => void>): EffectContext {
  return {
    callId: 'c1',
    services: { fetch: fetchImpl, queues: new FakeQueueService(), callbacks: new FakeCallbackService(), analytics: new RecordingAnalytics() },
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    deliver: (event: CallEvent) => delivered.push(event),
    onEnd: (cleanup: () => void) => {
      cleanups.push(cleanup);
      return () => cleanups.splice(cleanups.indexOf(cleanup), 1);
    },
  } as unknown as EffectContext;
}

const request = { kind: 'httpRequest' as const, method: 'POST' as const, url: 'http://crm.invalid/x', headers: { 'content-type': 'application/json' }, body: '{"a":1}', timeoutMs: 30, seq: 4 };

describe('httpRequest executor', () => {
  it('answers with status and body, echoing the seq', async () => {
    const delivered: CallEvent[] = [];
    let seen: RequestInit | undefined;
    const fetchImpl = (async (_url: unknown, init?: RequestInit) => {
      seen = init;
      return new Response('{"vip":true}', { status: 201 });
    }) as typeof fetch;
    httpRequest(request, context(fetchImpl, delivered, []));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(delivered).toMatchObject([{ type: 'httpResult', status: 201, body: '{"vip":true}', seq: 4 }]);
  });

  it('aborts a request that outlives its timeout and reports the timeout as the error', async () => {
    const delivered: CallEvent[] = [];
    const cleanups: Array<() => void> = [];
    const fetchImpl = ((_url: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as typeof fetch;
    httpRequest(request, context(fetchImpl, delivered, cleanups));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(delivered).toMatchObject([{ type: 'httpResult', error: 'timed out after 30 ms', seq: 4 }]);
    expect(cleanups).toEqual([]);
  });
});

describe('readBodyWithin', () => {
  it('reads a 300 MB stream only up to the limit plus the one chunk that crossed it', async () => {
    const chunk = new Uint8Array(16 * 1024).fill(0x61);
    let pulled = 0;
    let cancelled: unknown;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled >= 300 * 1024 * 1024) return controller.close();
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
        cancel(reason) {
          cancelled = reason;
        },
      },
      { highWaterMark: 0 },
    );
    await expect(readBodyWithin(body, 64 * 1024)).rejects.toThrow('response body larger than 65536 bytes; stopped reading');
    expect(pulled).toBeLessThanOrEqual(64 * 1024 + chunk.byteLength);
    expect(cancelled).toBeInstanceOf(Error);
  });

  it('decodes UTF-8 split across chunks and accepts a body of exactly the limit', async () => {
    const bytes = new TextEncoder().encode('é'.repeat(10));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 5));
        controller.enqueue(bytes.subarray(5));
        controller.close();
      },
    });
    expect(await readBodyWithin(body, bytes.byteLength)).toBe('é'.repeat(10));
  });
});
