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

/** The frame's `Content-Type` (`command/reply`, `api/response`, `text/event-plain`, ...), if any. */
export function contentType(frame: EslFrame): string | undefined {
  return headerValue(frame.headers, 'Content-Type');
}

/** Parses `Name: value` lines (separated by `\n`) into headers, keeping raw values for re-serialisation. */
export function parseHeaderLines(text: string): EslHeader[] {
  const headers: EslHeader[] = [];
  if (text.length === 0) return headers;
  for (const line of text.split('\n')) {
    const separator = line.indexOf(': ');
    if (separator === -1) {
      headers.push({ name: line, value: '', raw: undefined });
    } else {
      const raw = line.slice(separator + 2);
      headers.push({ name: line.slice(0, separator), value: decodeHeaderValue(raw), raw });
    }
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
