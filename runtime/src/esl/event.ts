import { contentType, headerValue, parseHeaderLines, serializeHeaderLines, type EslFrame, type EslHeader } from './frame.js';
import { findRawHeader } from './raw-header.js';
import { decodeHeaderValue } from './url-codec.js';

const BLANK_LINE = Buffer.from('\n\n');

/** A FreeSWITCH event decoded from a `text/event-plain` or `text/event-json` frame. */
export interface EslEvent {
  /** `Event-Name`, e.g. `CHANNEL_EXECUTE_COMPLETE`. */
  readonly name: string;
  /** Event headers in the order FreeSWITCH sent them, values URL-decoded (JSON values are used as they are). */
  readonly headers: readonly EslHeader[];
  /** The event's own body (BACKGROUND_JOB output), if it has one. */
  readonly body: string | undefined;
  readonly format: 'plain' | 'json';
}

/** Why an event frame's body could not be decoded. */
export interface EslEventDecodeError {
  readonly code: 'bad-event-json' | 'bad-event-body';
  readonly message: string;
}

export type EslEventDecodeResult =
  | { readonly ok: true; readonly event: EslEvent }
  | { readonly ok: false; readonly error: EslEventDecodeError };

/** Returns true for frames that carry an event (`text/event-plain` or `text/event-json`). */
export function isEventFrame(frame: EslFrame): boolean {
  const type = contentType(frame);
  return type === 'text/event-plain' || type === 'text/event-json';
}

/** Decodes the event carried by an event frame. Never throws. */
export function decodeEvent(frame: EslFrame): EslEventDecodeResult {
  const type = contentType(frame);
  if (type === 'text/event-json') return decodeJsonEvent(frame.body);
  if (type === 'text/event-plain') return decodePlainEvent(frame.body);
  return { ok: false, error: { code: 'bad-event-body', message: `frame of type ${String(type)} carries no event` } };
}

/**
 * A `text/event-plain` event. Its header block is decoded into header objects only when someone asks for all of
 * them (`headers`, `eventVariables`); `eventHeader` finds single headers in the raw bytes. An event carries some
 * ninety headers and the runtime reads a handful, so building them all was most of the cost of handling an event.
 */
class PlainEvent implements EslEvent {
  readonly format = 'plain';
  readonly name: string;
  private parsed: EslHeader[] | undefined;

  constructor(
    /** The frame's body; the header block is `bytes[0, headerEnd)`. */
    private readonly bytes: Buffer,
    private readonly headerEnd: number,
    readonly body: string | undefined,
  ) {
    this.name = this.header('Event-Name') ?? '';
  }

  get headers(): readonly EslHeader[] {
    this.parsed ??= parseHeaderLines(this.bytes.toString('utf8', 0, this.headerEnd));
    return this.parsed;
  }

  /** Decoded value of the first header called `name`. */
  header(name: string): string | undefined {
    if (this.parsed) return headerValue(this.parsed, name);
    const raw = findRawHeader(this.bytes, this.headerEnd, name);
    return raw === undefined ? undefined : decodeHeaderValue(raw);
  }

  toJSON(): EslEvent {
    return { name: this.name, headers: this.headers, body: this.body, format: this.format };
  }
}

/** Decodes a `text/event-plain` body: URL-encoded `Name: value` lines, a blank line, then an optional body. */
export function decodePlainEvent(body: Buffer): EslEventDecodeResult {
  const blank = body.indexOf(BLANK_LINE);
  const headerEnd = blank === -1 ? (body[body.length - 1] === 0x0a ? body.length - 1 : body.length) : blank;
  let eventBody: string | undefined;
  const rawLength = findRawHeader(body, headerEnd, 'Content-Length');
  const lengthText = rawLength === undefined ? undefined : decodeHeaderValue(rawLength);
  if (lengthText !== undefined) {
    if (!/^\d{1,15}$/.test(lengthText) || blank === -1) {
      return { ok: false, error: { code: 'bad-event-body', message: `event Content-Length ${JSON.stringify(lengthText.slice(0, 40))} is unusable` } };
    }
    const start = blank + 2;
    eventBody = body.toString('utf8', start, Math.min(body.length, start + Number(lengthText)));
  }
  return { ok: true, event: new PlainEvent(body, headerEnd, eventBody) };
}

/** Decodes a `text/event-json` body: one JSON object whose `_body` member is the event's body. */
export function decodeJsonEvent(body: Buffer): EslEventDecodeResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (cause) {
    return { ok: false, error: { code: 'bad-event-json', message: `event JSON does not parse: ${(cause as Error).message}` } };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: { code: 'bad-event-json', message: 'event JSON is not an object' } };
  }
  const headers: EslHeader[] = [];
  let eventBody: string | undefined;
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === '_body') {
      eventBody = String(value);
      continue;
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    headers.push({ name, value: text, raw: text });
  }
  return { ok: true, event: { name: headerValue(headers, 'Event-Name') ?? '', headers, body: eventBody, format: 'json' } };
}

/** Decoded value of the first event header called `name`. */
export function eventHeader(event: EslEvent, name: string): string | undefined {
  return event instanceof PlainEvent ? event.header(name) : headerValue(event.headers, name);
}

/** Channel variables of an event (`variable_foo` headers), keyed without the `variable_` prefix. */
export function eventVariables(event: EslEvent): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const header of event.headers) {
    if (header.name.startsWith('variable_')) variables[header.name.slice('variable_'.length)] = header.value;
  }
  return variables;
}

/** Serialises a decoded plain event back to its body bytes (raw header values, blank line, optional body). */
export function serializePlainEventBody(event: EslEvent): Buffer {
  return Buffer.from(serializeHeaderLines(event.headers) + '\n' + (event.body ?? ''), 'utf8');
}
