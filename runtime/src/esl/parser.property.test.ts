import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvent } from './event.js';
import { frameHeader, headerValue, serializeFrame, type EslFrame } from './frame.js';
import { EslFrameParser } from './parser.js';
import { decodeHeaderValue } from './url-codec.js';

/** Splits `bytes` at the given cut points (any order, duplicates allowed). */
function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,15}$/).filter((name) => name !== 'Content-Length');
const headerValueText = fc.stringMatching(/^[ -~]{0,30}$/).map((value) => value.trimStart());
const frameArbitrary = fc
  .record({
    headers: fc.array(fc.tuple(headerName, headerValueText), { minLength: 1, maxLength: 6 }),
    body: fc.option(fc.uint8Array({ minLength: 0, maxLength: 64 }), { nil: undefined }),
  })
  .map(({ headers, body }) => {
    const lines = headers.map(([name, value]) => `${name}: ${value}\n`).join('');
    const length = body === undefined ? '' : `Content-Length: ${body.length}\n`;
    return Buffer.concat([Buffer.from(`${lines}${length}\n`), Buffer.from(body ?? [])]);
  });

describe('EslFrameParser properties', () => {
  it('never throws on arbitrary bytes in arbitrary chunks, and every output is a frame or an error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 12 }), (bytes, cuts) => {
        const parser = new EslFrameParser({ maxHeaderBytes: 256, maxBodyBytes: 256 });
        for (const chunk of chunked(Buffer.from(bytes), cuts)) {
          for (const output of parser.push(chunk)) {
            expect(['frame', 'error']).toContain(output.kind);
            if (output.kind === 'frame') expect(decodeEvent(output.frame)).toBeDefined();
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on ESL-shaped text with hostile Content-Length and escape values', () => {
    const hostile = fc.constantFrom('Content-Length: ', 'Content-Type: text/event-plain\n', 'Content-Type: text/event-json\n', '%', '%2', '%ZZ', '\n', '\n\n', '-1', '99999999999999999999', '{', '}', 'Reply-Text: ', 'abc');
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), (parts, cuts) => {
        const parser = new EslFrameParser({ maxBodyBytes: 1024 });
        for (const chunk of chunked(Buffer.from(parts.join('')), cuts)) {
          for (const output of parser.push(chunk)) if (output.kind === 'frame') decodeEvent(output.frame);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('yields the same frames, byte for byte, however a stream of well-formed frames is chunked', () => {
    fc.assert(
      fc.property(fc.array(frameArbitrary, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 16 }), (frames, cuts) => {
        const stream = Buffer.concat(frames);
        const parser = new EslFrameParser();
        const parsed: EslFrame[] = [];
        for (const chunk of chunked(stream, cuts)) {
          for (const output of parser.push(chunk)) if (output.kind === 'frame') parsed.push(output.frame);
        }
        expect(parsed).toHaveLength(frames.length);
        expect(Buffer.concat(parsed.map(serializeFrame)).equals(stream)).toBe(true);
        expect(parser.bufferedBytes).toBe(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('answers a single header from the raw block exactly as from the parsed header list', () => {
    const names = fc.constantFrom('Content-Type', 'Content-Length', 'Reply-Text', 'Reply', 'Job-UUID', 'X', 'Content');
    const line = fc.oneof(
      fc.tuple(names, fc.stringMatching(/^[ -~]{0,12}$/)).map(([name, value]) => `${name}: ${value}`),
      names,
      fc.tuple(names, fc.constantFrom(':', ':x', ' : 1', 'x: 2', '-Name: 3')).map(([name, tail]) => `${name}${tail}`),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), names, (lines, asked) => {
        const parser = new EslFrameParser();
        const outputs = parser.push(Buffer.from(`${lines.join('\n')}\n\n`));
        for (const output of outputs) {
          if (output.kind !== 'frame') continue;
          const fromRaw = frameHeader(output.frame, asked);
          expect(fromRaw).toBe(headerValue(output.frame.headers, asked));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('URL decoding never throws and only changes values that are valid escapes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (raw) => {
        const decoded = decodeHeaderValue(raw);
        if (!raw.includes('%')) expect(decoded).toBe(raw);
      }),
      { numRuns: 2000 },
    );
  });
});
