import type { CallEvent } from '@switchboard/flows';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../call/clock.js';
import { httpRequest } from '../effects/httpRequest.js';
import type { EffectContext } from '../effects/types.js';
import { FakeCallbackService, FakeQueueService, RecordingAnalytics } from '../testing/fakes.js';
import { addressPolicy, parseAllowlist } from './address-policy.js';
import { AddressRefusedError, guardedFetch, type HostResolver } from './guarded-fetch.js';

/** A local server that counts the connections and requests it saw. */
interface LocalServer {
  port: number;
  url: string;
  connections: number;
  requests: Array<{ method: string; url: string; host: string; body: string }>;
}

const servers: Server[] = [];

async function localServer(handler: (request: IncomingMessage, response: ServerResponse, server: LocalServer) => void = (_q, s) => s.end('ok')): Promise<LocalServer> {
  const state = { port: 0, url: '', connections: 0, requests: [] } as LocalServer;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      state.requests.push({ method: request.method ?? '', url: request.url ?? '', host: request.headers.host ?? '', body });
      handler(request, response, state);
    });
  });
  server.on('connection', () => state.connections++);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}`;
  return state;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const noDns: HostResolver = (host) => Promise.reject(new Error(`unexpected DNS lookup of ${host}`));
const strict = guardedFetch({ policy: addressPolicy([]), maxRedirects: 5, resolve: noDns });
const allowing = (allow: string, resolve: HostResolver = noDns) => guardedFetch({ policy: addressPolicy(parseAllowlist(allow)), maxRedirects: 5, resolve });

function runEffect(fetchImpl: typeof fetch, url: string, options: { timeoutMs?: number; maxHttpBodyBytes?: number } = {}): Promise<CallEvent> {
  return new Promise((resolve) => {
    const ctx = {
      callId: 'c1',
      services: { fetch: fetchImpl, queues: new FakeQueueService(), callbacks: new FakeCallbackService(), analytics: new RecordingAnalytics(), ...(options.maxHttpBodyBytes ? { maxHttpBodyBytes: options.maxHttpBodyBytes } : {}) },
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      deliver: resolve,
      onEnd: () => () => undefined,
    } as unknown as EffectContext;
    httpRequest({ kind: 'httpRequest', method: 'GET', url, headers: {}, body: null, timeoutMs: options.timeoutMs ?? 10_000, seq: 1 }, ctx);
  });
}

describe('address policy on (the default)', () => {
  it('refuses a loopback server without connecting to it', async () => {
    const server = await localServer();
    await expect(strict(`${server.url}/metrics`)).rejects.toThrow(AddressRefusedError);
    await expect(strict(`${server.url}/metrics`)).rejects.toThrow('refused: 127.0.0.1 is a loopback address; flows may not call it unless HTTP_REQUEST_ALLOW lists it');
    expect(server.connections).toBe(0);
    expect(server.requests).toEqual([]);
  });

  it('gives the flow the error outlet with the reason', async () => {
    const server = await localServer();
    expect(await runEffect(strict, `${server.url}/x`)).toMatchObject({ type: 'httpResult', error: expect.stringMatching(/127\.0\.0\.1 is a loopback address/) });
    expect(server.connections).toBe(0);
  });

  it('checks the address a name resolves to, not the name', async () => {
    const server = await localServer();
    const resolveToLoopback: HostResolver = async () => ['127.0.0.1'];
    const fetchImpl = guardedFetch({ policy: addressPolicy([]), maxRedirects: 5, resolve: resolveToLoopback });
    await expect(fetchImpl(`http://crm.example.com:${server.port}/`)).rejects.toThrow('refused: crm.example.com (127.0.0.1) is a loopback address');
    const metadata = guardedFetch({ policy: addressPolicy([]), maxRedirects: 5, resolve: async () => ['169.254.169.254'] });
    await expect(metadata('http://metadata.example.com/latest/meta-data/')).rejects.toThrow('is a cloud metadata address');
    await expect(strict('http://[::ffff:127.0.0.1]:80/')).rejects.toThrow('IPv4-mapped');
    // Other spellings of loopback are normalised by the URL parser before the check.
    await expect(strict(`http://2130706433:${server.port}/`)).rejects.toThrow('refused: 127.0.0.1 is a loopback address');
    await expect(strict(`http://0x7f.1:${server.port}/`)).rejects.toThrow('refused: 127.0.0.1 is a loopback address');
    expect(server.connections).toBe(0);
  });

  it('connects to the address it checked (one resolution), sending the name as Host', async () => {
    const server = await localServer();
    let resolutions = 0;
    // A rebinding resolver: whatever it answers after the check is never used.
    const rebinding: HostResolver = async () => (resolutions++ === 0 ? ['127.0.0.1'] : ['169.254.169.254']);
    const response = await allowing('127.0.0.1', rebinding)(`http://crm.test:${server.port}/lookup?phone=1`);
    expect(await response.text()).toBe('ok');
    expect(resolutions).toBe(1);
    expect(server.requests).toMatchObject([{ url: '/lookup?phone=1', host: `crm.test:${server.port}` }]);
  });

  it('refuses schemes other than http and https', async () => {
    await expect(strict('file:///etc/passwd')).rejects.toThrow('only http and https URLs may be called, not file:');
  });
});

describe('with the allowlist', () => {
  it('calls an allowed local server and passes method, headers and body', async () => {
    const server = await localServer((request, response) => response.writeHead(201, { 'x-seen': request.headers['x-token'] ?? '' }).end('{"vip":true}'));
    const response = await allowing(`127.0.0.1:${server.port}`)(`${server.url}/c`, { method: 'POST', headers: { 'x-token': 't' }, body: '{"a":1}' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-seen')).toBe('t');
    expect(await response.text()).toBe('{"vip":true}');
    expect(server.requests).toMatchObject([{ method: 'POST', url: '/c', body: '{"a":1}' }]);
  });

  it('follows redirects, checking every hop: a redirect to a private address is refused before connecting', async () => {
    const inner = await localServer();
    const outer = await localServer((request, response) => {
      if (request.url === '/first') response.writeHead(302, { location: '/second' }).end();
      else if (request.url === '/second') response.writeHead(307, { location: `${inner.url}/admin` }).end();
      else response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    });
    const fetchImpl = allowing(`127.0.0.1:${outer.port}`);
    await expect(fetchImpl(`${outer.url}/first`)).rejects.toThrow(`refused: 127.0.0.1 is a loopback address`);
    expect(outer.requests.map((r) => r.url)).toEqual(['/first', '/second']);
    expect(inner.connections).toBe(0);
    expect(await runEffect(fetchImpl, `${outer.url}/cloud`)).toMatchObject({ error: 'refused: 169.254.169.254 is a cloud metadata address; flows may not call it unless HTTP_REQUEST_ALLOW lists it' });
  });

  it('follows allowed redirects (a 303 becomes a GET) and stops after the cap', async () => {
    const server = await localServer((request, response) => {
      if (request.url === '/post') response.writeHead(303, { location: '/result' }).end();
      else if (request.url === '/result') response.end(`result via ${request.method}`);
      else response.writeHead(302, { location: '/loop' }).end();
    });
    const fetchImpl = allowing('127.0.0.1');
    expect(await (await fetchImpl(`${server.url}/post`, { method: 'POST', body: 'x' })).text()).toBe('result via GET');
    await expect(fetchImpl(`${server.url}/loop`)).rejects.toThrow('more than 5 redirects');
    expect(server.requests.filter((r) => r.url === '/loop')).toHaveLength(6);
  });
});

describe('response size and time', () => {
  it('stops reading a 300 MB answer at the limit and closes the connection', async () => {
    const total = 300 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    let closedEarly: () => void = () => undefined;
    const connectionClosed = new Promise<void>((resolve) => (closedEarly = resolve));
    const server = await localServer((_request, response) => {
      response.writeHead(200, { 'content-length': String(total) });
      const pump = (): void => {
        while (sent < total && !response.destroyed) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.on('close', () => closedEarly());
      pump();
    });
    const started = Date.now();
    const result = await runEffect(allowing('127.0.0.1'), `${server.url}/huge`);
    expect(result).toMatchObject({ type: 'httpResult', error: 'response body larger than 65536 bytes; stopped reading' });
    await connectionClosed;
    // What the server managed to write before the runtime hung up: kernel socket buffers, not 300 MB.
    expect(sent).toBeLessThan(32 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it('answers within the limit with the body', async () => {
    const server = await localServer((_q, response) => response.end('y'.repeat(1000)));
    expect(await runEffect(allowing('127.0.0.1'), server.url, { maxHttpBodyBytes: 1000 })).toMatchObject({ status: 200, body: 'y'.repeat(1000) });
    expect(await runEffect(allowing('127.0.0.1'), server.url, { maxHttpBodyBytes: 999 })).toMatchObject({ error: 'response body larger than 999 bytes; stopped reading' });
  });

  it('times out a body that trickles in, and closes the connection', async () => {
    let closed = false;
    const server = await localServer((_q, response) => {
      response.writeHead(200);
      const drip = setInterval(() => response.write('.'), 20);
      response.on('close', () => {
        closed = true;
        clearInterval(drip);
      });
    });
    expect(await runEffect(allowing('127.0.0.1'), server.url, { timeoutMs: 200 })).toMatchObject({ error: 'timed out after 200 ms' });
    await expect.poll(() => closed).toBe(true);
  });
});
