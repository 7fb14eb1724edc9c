import { z } from 'zod';
import { VariableNameSchema, type VariableType, type VariableValue } from '../document/common.js';
import { fillPlaceholders, placeholderNames } from '../expressions/cel.js';
import type { EffectOf } from '../interpreter/effects.js';
import { defineNode, type CompileContext, type StepContext } from './types.js';
import { coerceToVariableType } from './variable-value.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Longest an IVR should keep a caller in silence waiting for a back-end. */
export const HTTP_MAX_TIMEOUT_MS = 30_000;

export const ResponseMappingSchema = z.object({
  variable: VariableNameSchema,
  /** Where in the JSON response: `data.customer.tier`, `items[0].id`, `["odd key"]`. */
  path: z.string().min(1).max(300),
});

export const HttpRequestDataSchema = z.object({
  /** Absolute http(s) URL; `${var}` placeholders are filled (URL-encoded) at call time. */
  url: z.string().min(1).max(2000),
  method: z.enum(HTTP_METHODS).default('GET'),
  /** Header values may use `${var}` placeholders. */
  headers: z.record(z.string().min(1).max(100), z.string().max(2000)).default({}),
  /** JSON text sent as the body; `${var}` placeholders are filled with JSON-escaped values. */
  body: z.string().max(20_000).optional(),
  timeoutMs: z.number().int().min(100).max(HTTP_MAX_TIMEOUT_MS).default(5000),
  responseMapping: z.array(ResponseMappingSchema).max(50).default([]),
  /** Integer, number or string variable that receives the HTTP status (0 when there was no response). */
  statusVariable: VariableNameSchema.optional(),
});
export type HttpRequestData = z.infer<typeof HttpRequestDataSchema>;

/** One step into a JSON value: an object key or an array index. */
type PathSegment = string | number;

interface HttpRequestConfig {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  timeoutMs: number;
  mapping: Array<{ variable: string; type: VariableType; path: PathSegment[] }>;
  status: { variable: string; type: VariableType } | null;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parse a response path such as `data.customer.tier`, `items[0].id` or `["content-type"]`.
 * Returns null when it is not a path.
 */
export function parseResponsePath(path: string): PathSegment[] | null {
  const token = /([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y;
  const segments: PathSegment[] = [];
  let position = 0;
  while (position < path.length) {
    const dotted = path[position] === '.';
    if (dotted) {
      if (position === 0) return null;
      position++;
    } else if (position > 0 && path[position] !== '[') return null;
    token.lastIndex = position;
    const match = token.exec(path);
    if (!match) return null;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (dotted) return null; // `a.[0]`
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else {
      try {
        segments.push(JSON.parse(`"${match[3] ?? ''}"`) as string);
      } catch {
        return null;
      }
    }
    position = token.lastIndex;
  }
  return segments.length > 0 ? segments : null;
}

/** The value at `path` in a parsed JSON document, or undefined when any step is missing. */
function valueAt(json: unknown, path: readonly PathSegment[]): unknown {
  let current = json;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

/** Placeholder names must be declared variables or built-ins (`channel.x` and `flags.x` included). */
function checkPlaceholders(text: string, field: string, ctx: CompileContext): void {
  const known = ctx.expressions.knownNames();
  for (const name of placeholderNames(text)) {
    const root = name.split('.')[0] as string;
    const ok = name.includes('.') ? root === 'channel' || root === 'flags' : known.has(name);
    if (!ok) ctx.report('SB133.undeclaredPlaceholder', field, { placeholder: `\${${name}}` });
  }
}

/** Text with every placeholder replaced by `sample`, to check the shape of a template at compile time. */
function withSample(text: string, sample: string): string {
  return fillPlaceholders(text, () => sample);
}

function compileUrl(url: string, ctx: CompileContext): void {
  checkPlaceholders(url, 'url', ctx);
  let parsed: URL | null = null;
  try {
    parsed = new URL(withSample(url, '0'));
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    ctx.report('SB180.invalidUrl', 'url', { url });
  }
}

function variableTarget(name: string, field: string, ctx: CompileContext): { variable: string; type: VariableType } | null {
  const declared = ctx.variables.get(name);
  if (!declared) {
    ctx.report('SB134.undeclaredVariable', field, { variable: name });
    return null;
  }
  return { variable: declared.name, type: declared.type };
}

/** Fill `${var}` placeholders: URL-encoded in the URL, JSON-escaped (no quotes added) in the body. */
function fill(text: string, ctx: StepContext, encode: (value: string) => string): string {
  return fillPlaceholders(text, (name) => {
    const value: VariableValue | undefined = ctx.variable(name);
    return value === undefined || value === null ? value : encode(String(value));
  });
}

const jsonEscape = (value: string) => JSON.stringify(value).slice(1, -1);
const identity = (value: string) => value;

function setStatus(config: HttpRequestConfig, ctx: StepContext, status: number): void {
  if (!config.status) return;
  const value = coerceToVariableType(status, config.status.type);
  if (value !== undefined) ctx.setVariable(config.status.variable, value);
}

/**
 * Calls a web service (CRM lookup, ticket creation) and maps values from its JSON response into variables.
 *
 * The edge performs the request (effect `httpRequest`) and answers with `httpResult`. A 2xx answer whose body is
 * JSON (or empty) leaves by `ok`; a mapped path that is missing, null or does not fit the variable's type leaves
 * that variable unchanged. Any other status, a transport error or timeout (`error` set), a body that is not
 * JSON, or `effectFailed` leaves by `error`. The request does not need the caller: it still runs after a
 * hang-up (e.g. a post-call hook), but a hang-up while it is in flight ends the call.
 */
export const httpRequestNode = defineNode({
  type: 'httpRequest',
  title: 'HTTP request',
  description: 'Calls a web service and stores values from its JSON answer in variables.',
  category: 'integration',
  dataSchema: HttpRequestDataSchema,
  defaults: () => ({
    url: 'https://crm.example.com/api/customers?phone=${caller}',
    method: 'GET' as const,
    headers: { accept: 'application/json' },
    timeoutMs: 5000,
    responseMapping: [],
  }),
  outlets: () => [
    { name: 'ok', label: 'OK' },
    { name: 'error', label: 'Error' },
  ],
  callerFacing: false,
  waitsForCaller: false,
  // The runtime makes the request itself; the switch is not involved.
  requirements: () => [],
  compile: (data, ctx): HttpRequestConfig => {
    compileUrl(data.url, ctx);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(data.headers)) {
      const field = `headers.${name}`;
      if (!HEADER_NAME.test(name)) ctx.report('SB180.invalidHeaderName', field, { header: name });
      checkPlaceholders(value, field, ctx);
      headers[name.toLowerCase()] = value;
    }
    let body: string | null = null;
    if (data.body !== undefined && data.body.trim() !== '') {
      if (data.method === 'GET') ctx.report('SB180.bodyWithGet', 'body', {});
      checkPlaceholders(data.body, 'body', ctx);
      try {
        JSON.parse(withSample(data.body, '0'));
      } catch (error) {
        ctx.report('SB180.bodyNotJson', 'body', { detail: error instanceof Error ? error.message : String(error) });
      }
      body = data.body;
      if (!('content-type' in headers)) headers['content-type'] = 'application/json';
    }
    const mapping: HttpRequestConfig['mapping'] = [];
    data.responseMapping.forEach((entry, index) => {
      const path = parseResponsePath(entry.path);
      if (!path) ctx.report('SB180.invalidJsonPath', `responseMapping[${index}].path`, { path: entry.path });
      const target = variableTarget(entry.variable, `responseMapping[${index}].variable`, ctx);
      if (path && target) mapping.push({ ...target, path });
    });
    let status: HttpRequestConfig['status'] = null;
    if (data.statusVariable !== undefined) {
      status = variableTarget(data.statusVariable, 'statusVariable', ctx);
      if (status?.type === 'boolean') {
        ctx.report('SB132.statusVariableBoolean', 'statusVariable', { variable: status.variable });
        status = null;
      }
    }
    return { method: data.method, url: data.url, headers, body, timeoutMs: data.timeoutMs, mapping, status };
  },
  enter: (node, ctx) => {
    const config = node.config;
    let headers = config.headers;
    for (const name in headers) {
      const value = headers[name] as string;
      if (value.includes('${')) {
        if (headers === config.headers) headers = { ...headers };
        headers[name] = fill(value, ctx, identity);
      }
    }
    const effect: EffectOf<'httpRequest'> = {
      kind: 'httpRequest',
      method: config.method,
      url: fill(config.url, ctx, encodeURIComponent),
      headers: headers === config.headers ? { ...headers } : headers,
      body: config.body === null ? null : fill(config.body, ctx, jsonEscape),
      timeoutMs: config.timeoutMs,
    };
    return { kind: 'wait', effects: [effect], local: null };
  },
  resume: (node, _local, event, ctx) => {
    const config = node.config;
    switch (event.type) {
      case 'httpResult': {
        const status = typeof event.status === 'number' && Number.isFinite(event.status) ? event.status : 0;
        setStatus(config, ctx, status);
        if (event.error !== undefined || status < 200 || status > 299) return { kind: 'next', outlet: 'error' };
        if (config.mapping.length === 0) return { kind: 'next', outlet: 'ok' };
        const text = typeof event.body === 'string' ? event.body : '';
        let json: unknown = null;
        if (text.trim() !== '') {
          try {
            json = JSON.parse(text);
          } catch {
            return { kind: 'next', outlet: 'error' };
          }
        }
        for (const entry of config.mapping) {
          const value = coerceToVariableType(valueAt(json, entry.path), entry.type);
          if (value !== undefined) ctx.setVariable(entry.variable, value);
        }
        return { kind: 'next', outlet: 'ok' };
      }
      case 'effectFailed':
        setStatus(config, ctx, 0);
        return { kind: 'next', outlet: 'error' };
      default:
        return { kind: 'ignore' };
    }
  },
  writes: (data) => [...data.responseMapping.map((m) => m.variable), ...(data.statusVariable === undefined ? [] : [data.statusVariable])],
});
