import type { CallEvent } from '@switchboard/flows';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../call/clock.js';
import { FakeCallbackService, FakeQueueService, RecordingAnalytics } from '../testing/fakes.js';
import { httpRequest } from './httpRequest.js';
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
