import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { AddressPolicy } from './address-policy.js';

/** Resolves a host name to its addresses (DNS; injected in tests). */
export type HostResolver = (host: string) => Promise<string[]>;

/** How {@link guardedFetch} reaches the outside world. */
export interface GuardedFetchOptions {
  readonly policy: AddressPolicy;
  /** Redirects followed before the request fails (each hop is checked against the policy). */
  readonly maxRedirects: number;
  readonly resolve?: HostResolver;
}

/** A request the address policy refused; no connection was made. */
export class AddressRefusedError extends Error {
  override readonly name = 'AddressRefusedError';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([204, 205, 304]);
/** Headers that must not follow a redirect to another origin. */
const CREDENTIALS = ['authorization', 'cookie', 'proxy-authorization'];

const systemResolver: HostResolver = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * A `fetch` for flows' HTTP requests that only talks to addresses the policy allows. It resolves the host itself,
 * checks every address, and connects to the checked address (the URL's host still goes in `Host` and TLS SNI and
 * certificate checks), so a DNS answer that changes between check and connect cannot slip through. Redirects are
 * followed here, up to `maxRedirects`, each hop resolved and checked again. The body is streamed: the caller
 * reads as much as it wants and cancels, which closes the connection.
 */
export function guardedFetch(options: GuardedFetchOptions): typeof fetch {
  const resolve = options.resolve ?? systemResolver;
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    let url = new URL(input instanceof Request ? input.url : String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body === undefined || init.body === null ? null : String(init.body);
    const headers = new Headers(init.headers);
    const signal = init.signal ?? undefined;
    for (let hop = 0; ; hop++) {
      signal?.throwIfAborted();
      const response = await send(url, method, headers, body, signal, options.policy, resolve);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.statusCode ?? 0) || location === undefined) return toResponse(response);
      response.destroy();
      if (hop >= options.maxRedirects) throw new Error(`more than ${options.maxRedirects} redirects (last to ${location})`);
      const next = new URL(location, url);
      if (next.origin !== url.origin) for (const name of CREDENTIALS) headers.delete(name);
      // As fetch does: 303, and 301/302 after a POST, continue as a GET without the body.
      if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        body = null;
        headers.delete('content-type');
      }
      url = next;
    }
  }) as typeof fetch;
}

async function send(
  url: URL,
  method: string,
  headers: Headers,
  body: string | null,
  signal: AbortSignal | undefined,
  policy: AddressPolicy,
  resolve: HostResolver,
): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`only http and https URLs may be called, not ${url.protocol}`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const addresses = isIP(host) !== 0 ? [host] : await resolve(host);
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  const refusals = addresses.map((address) => policy.refusal(address, host, port));
  const allowedIndex = refusals.indexOf(null);
  const address = addresses[allowedIndex];
  if (allowedIndex === -1 || address === undefined) throw new AddressRefusedError(`refused: ${refusals[0] ?? host}`);

  const outgoing: OutgoingHttpHeaders = { host: url.host };
  headers.forEach((value, name) => {
    if (name !== 'host') outgoing[name] = value;
  });
  if (body !== null) outgoing['content-length'] = Buffer.byteLength(body);
  const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)({
    host: address,
    port,
    path: `${url.pathname}${url.search}`,
    method,
    headers: outgoing,
    agent: false,
    ...(isIP(host) === 0 ? { servername: host } : {}),
    ...(signal ? { signal } : {}),
    // Never used (the host is an address already); refuses rather than resolving behind the policy's back.
    lookup: (_hostname, _options, callback) => callback(new Error('unexpected DNS lookup'), '', 4),
  });
  return new Promise<IncomingMessage>((resolveResponse, reject) => {
    request.once('response', resolveResponse);
    request.once('error', (error) => reject(signal?.aborted ? signal.reason : error));
    request.end(body ?? undefined);
  });
}

function toResponse(message: IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const status = message.statusCode ?? 502;
  if (NULL_BODY.has(status)) {
    message.destroy();
    return new Response(null, { status, headers });
  }
  return new Response(pulledStream(message), { status, headers });
}

/**
 * The message as a web stream that reads from the socket only when its reader asks (high-water mark 0), so an
 * unread answer stays in the kernel's buffers, not in ours. Cancelling destroys the message and the connection.
 */
function pulledStream(message: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks = message[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
      },
      cancel() {
        message.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}
