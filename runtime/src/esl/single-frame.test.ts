import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentType, type EslFrame } from './frame.js';
import { EslFrameParser } from './parser.js';
import { wholeEventFrameBody } from './single-frame.js';

const framed = (body: string | Buffer) => {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\nContent-Type: text/event-plain\n\n`), bytes]);
};
const EVENT = 'Event-Name: CHANNEL_EXECUTE_COMPLETE\nApplication-UUID: 1f0\n\n';

/** What the general parser makes of `chunk` from its idle state. */
function parsed(chunk: Buffer): { frames: EslFrame[]; errors: number; buffered: number } {
  const parser = new EslFrameParser({ maxBodyBytes: 4096 });
  const outputs = parser.push(chunk);
  return { frames: outputs.flatMap((o) => (o.kind === 'frame' ? [o.frame] : [])), errors: outputs.filter((o) => o.kind === 'error').length, buffered: parser.bufferedBytes };
}

describe('wholeEventFrameBody: one event frame as FreeSWITCH writes it', () => {
  it('hands back the event bytes of a chunk that is exactly one such frame', () => {
    expect(wholeEventFrameBody(framed(EVENT), 4096)?.toString()).toBe(EVENT);
  });

  it.each([
    ['two frames in the chunk', Buffer.concat([framed(EVENT), framed(EVENT)])],
    ['a frame cut short', framed(EVENT).subarray(0, 60)],
    ['only the header block', framed(EVENT).subarray(0, 49)],
    ['a byte more than the frame', Buffer.concat([framed(EVENT), Buffer.from('\n')])],
    ['headers in another order', Buffer.from(`Content-Type: text/event-plain\nContent-Length: ${EVENT.length}\n\n${EVENT}`)],
    ['another content type', Buffer.from(`Content-Length: ${EVENT.length}\nContent-Type: text/event-json\n\n${EVENT}`)],
    ['a reply', Buffer.from('Content-Type: command/reply\nReply-Text: +OK\n\n')],
    ['a stray blank line first', Buffer.concat([Buffer.from('\n'), framed(EVENT)])],
    ['an empty body', Buffer.from('Content-Length: 0\nContent-Type: text/event-plain\n\n')],
    ['a length of 16 digits', Buffer.from(`Content-Length: 0000000000000012\nContent-Type: text/event-plain\n\n${'x'.repeat(12)}`)],
  ])('leaves %s to the general parser', (_, chunk) => {
    expect(wholeEventFrameBody(chunk, 4096)).toBeUndefined();
  });

  it('leaves a body over the limit to the general parser, which refuses it', () => {
    const chunk = framed('x'.repeat(100));
    expect(wholeEventFrameBody(chunk, 99)).toBeUndefined();
    expect(wholeEventFrameBody(chunk, 100)?.length).toBe(100);
  });

  it('recognises exactly the chunks the general parser reads as one text/event-plain frame, with the same body', () => {
    const near = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 80 }).map((body) => framed(Buffer.from(body))),
      fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 80 }), fc.integer({ min: -3, max: 3 })).map(([body, skew]) => {
        const bytes = framed(Buffer.from(body));
        return skew < 0 ? bytes.subarray(0, bytes.length + skew) : Buffer.concat([bytes, Buffer.from('\n\n\n'.slice(0, skew))]);
      }),
      fc.uint8Array({ maxLength: 120 }).map((bytes) => Buffer.concat([Buffer.from('Content-Length: '), Buffer.from(bytes)])),
    );
    fc.assert(
      fc.property(near, (chunk) => {
        const body = wholeEventFrameBody(chunk, 4096);
        if (body === undefined) return;
        const general = parsed(chunk);
        expect(general.errors).toBe(0);
        expect(general.buffered).toBe(0);
        expect(general.frames).toHaveLength(1);
        expect(contentType(general.frames[0] as EslFrame)).toBe('text/event-plain');
        expect((general.frames[0] as EslFrame).body.equals(body)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
