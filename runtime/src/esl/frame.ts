import { findRawHeader } from './raw-header.js';
import { decodeHeaderValue } from './url-codec.js';

/** One `Name: value` line of an ESL header block. */
export interface EslHeader {
  /** Header name exactly as received. */
  readonly name: string;
  /** Value after URL decoding (the raw value when it is not a valid escape sequence). */
  readonly value: string;
  /** Value exactly as received; `undefined` when the line had no `: ` separator. */
  readonly raw: string | undefined;
}

/** One ESL frame: a header block, a blank line and `Content-Length` bytes of body (empty when absent). */
export interface EslFrame {
  readonly headers: readonly EslHeader[];
  readonly body: Buffer;
}

/** Returns the decoded value of the first header called `name`, or `undefined`. */
export function headerValue(headers: readonly EslHeader[], name: string): string | undefined {
  for (const header of headers) if (header.name === name) return header.value;
  return undefined;
}

const NO_BODY = Buffer.alloc(0);

/**
 * A frame as the parser received it: its header block stays bytes until someone asks for all its headers. The
 * connection only needs `Content-Type` (and the parser `Content-Length`) of most frames, and building header
 * objects for every frame was a measurable share of handling a prompt's completion.
 */
export class ReceivedFrame implements EslFrame {
  private parsed: EslHeader[] | undefined;
  private type: string | undefined | null = null;

  constructor(
    /** The header block: `Name: value` lines without the blank line. */
    private readonly block: Buffer,
    readonly body: Buffer = NO_BODY,
  ) {}

  get headers(): readonly EslHeader[] {
    this.parsed ??= parseHeaderLines(this.block.toString('utf8'));
    return this.parsed;
  }

  /** Decoded value of the first header called `name`. */
  header(name: string): string | undefined {
    if (this.parsed) return headerValue(this.parsed, name);
    const raw = findRawHeader(this.block, this.block.length, name);
    return raw === undefined ? undefined : decodeHeaderValue(raw);
  }

  get contentType(): string | undefined {
    if (this.type === null) this.type = this.header('Content-Type');
    return this.type;
  }

  toJSON(): EslFrame {
    return { headers: this.headers, body: this.body };
  }
}

/** Decoded value of the frame's first header called `name`, or `undefined`. */
export function frameHeader(frame: EslFrame, name: string): string | undefined {
  return frame instanceof ReceivedFrame ? frame.header(name) : headerValue(frame.headers, name);
}

/** The frame's `Content-Type` (`command/reply`, `api/response`, `text/event-plain`, ...), if any. */
export function contentType(frame: EslFrame): string | undefined {
  return frame instanceof ReceivedFrame ? frame.contentType : headerValue(frame.headers, 'Content-Type');
}

/**
 * A header as received. Its value is URL-decoded on first read: an event carries some ninety headers and the
 * runtime reads a handful, so decoding them all up front was the largest single cost of handling an event.
 */
class ReceivedHeader implements EslHeader {
  private decoded: string | undefined;

  constructor(
    readonly name: string,
    readonly raw: string | undefined,
  ) {}

  get value(): string {
    if (this.decoded === undefined) this.decoded = this.raw === undefined ? '' : decodeHeaderValue(this.raw);
    return this.decoded;
  }

  toJSON(): EslHeader {
    return { name: this.name, value: this.value, raw: this.raw };
  }
}

/** Parses `Name: value` lines (separated by `\n`) into headers, keeping raw values for re-serialisation. */
export function parseHeaderLines(text: string): EslHeader[] {
  const headers: EslHeader[] = [];
  if (text.length === 0) return headers;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const separator = text.indexOf(': ', start);
    if (separator === -1 || separator >= end) headers.push(new ReceivedHeader(text.slice(start, end), undefined));
    else headers.push(new ReceivedHeader(text.slice(start, separator), text.slice(separator + 2, end)));
    start = end + 1;
  }
  return headers;
}

/** Serialises headers back to their wire form (`Name: raw\n` per header, no trailing blank line). */
export function serializeHeaderLines(headers: readonly EslHeader[]): string {
  let out = '';
  for (const header of headers) out += header.raw === undefined ? `${header.name}\n` : `${header.name}: ${header.raw}\n`;
  return out;
}

/** Serialises a frame to the exact bytes it was parsed from: header lines, a blank line, then the body. */
export function serializeFrame(frame: EslFrame): Buffer {
  return Buffer.concat([Buffer.from(serializeHeaderLines(frame.headers) + '\n', 'utf8'), frame.body]);
}
