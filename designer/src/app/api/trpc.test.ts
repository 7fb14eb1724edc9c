import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchKeepingSmallRequestsAlive, KEEPALIVE_BODY_LIMIT } from './trpc';

// A save sent as the page closes only reaches the server as a keepalive request; browsers refuse keepalive bodies
// beyond 64 KiB in flight, so larger ones must go out as plain requests (and the browser copy covers them).

afterEach(() => vi.unstubAllGlobals());

function sentWith(body: string | undefined): RequestInit | undefined {
  const fetchSpy = vi.fn(async () => new Response('{}'));
  vi.stubGlobal('fetch', fetchSpy);
  void fetchKeepingSmallRequestsAlive('/trpc/flows.saveDraft', body === undefined ? { method: 'GET' } : { method: 'POST', body });
  return (fetchSpy.mock.calls[0] as unknown as [string, RequestInit | undefined])[1];
}

describe('API requests and the page closing', () => {
  it('sends a small body as keepalive, so a save started as the page closes still arrives', () => {
    expect(sentWith(JSON.stringify({ flowId: 'f', baseRevision: 3, document: { name: 'Support' } }))?.keepalive).toBe(true);
  });

  it('sends bodies over the limit, counted in bytes, as plain requests', () => {
    expect(sentWith('x'.repeat(KEEPALIVE_BODY_LIMIT + 1))?.keepalive).toBeUndefined();
    // Under the limit in characters, over it in UTF-8 bytes (three per character).
    expect(sentWith('欢'.repeat(Math.ceil(KEEPALIVE_BODY_LIMIT / 2)))?.keepalive).toBeUndefined();
  });

  it('leaves requests without a body as they are', () => {
    expect(sentWith(undefined)).toEqual({ method: 'GET' });
  });
});
