import { describe, expect, it } from 'vitest';
import { contentType, headerValue, serializeFrame, type EslFrame } from './frame.js';
import { EslFrameParser, type EslParseOutput } from './parser.js';

function framesOf(outputs: EslParseOutput[]): EslFrame[] {
  return outputs.flatMap((output) => (output.kind === 'frame' ? [output.frame] : []));
}

function parseAll(text: string | Buffer): EslFrame[] {
  const parser = new EslFrameParser();
  const outputs = parser.push(Buffer.from(text));
  expect(outputs.filter((output) => output.kind === 'error')).toEqual([]);
  expect(parser.bufferedBytes).toBe(0);
  return framesOf(outputs);
}

const BACKGROUND_JOB_BODY =
  'Event-Name: BACKGROUND_JOB\nJob-UUID: 413a1d23\nJob-Command: originate\nJob-Command-Arg: %7Borigination%7D\nContent-Length: 15\n\n-ERR USER_BUSY\n';
const BACKGROUND_JOB = `Content-Length: ${BACKGROUND_JOB_BODY.length}\nContent-Type: text/event-plain\n\n${BACKGROUND_JOB_BODY}`;
const JSON_EVENT_BODY = '{"Event-Name":"BACKGROUND_JOB","Job-UUID":"x","_body":"+OK abc\\n"}';
const JSON_EVENT = `Content-Length: ${JSON_EVENT_BODY.length}\nContent-Type: text/event-json\n\n${JSON_EVENT_BODY}`;
const DISCONNECT_BODY = 'Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n';
const SAMPLE_STREAM =
  'Content-Type: auth/request\n\n' +
  'Content-Type: command/reply\nReply-Text: +OK accepted\n\n' +
  'Content-Type: api/response\nContent-Length: 5\n\ntrue\n' +
  BACKGROUND_JOB +
  JSON_EVENT +
  JSON_EVENT +
  'Content-Type: command/reply\nReply-Text: +OK Job-UUID: 1\nJob-UUID: 1\n\n' +
  `Content-Type: text/disconnect-notice\nContent-Length: ${DISCONNECT_BODY.length}\n\n${DISCONNECT_BODY}`;

describe('EslFrameParser', () => {
  it('splits headers, blank line and Content-Length body', () => {
    const frames = parseAll(SAMPLE_STREAM);
    expect(frames.map(contentType)).toEqual([
      'auth/request',
      'command/reply',
      'api/response',
      'text/event-plain',
      'text/event-json',
      'text/event-json',
      'command/reply',
      'text/disconnect-notice',
    ]);
    expect(frames[2]?.body.toString()).toBe('true\n');
    expect(frames[3]?.body.toString()).toBe(BACKGROUND_JOB_BODY);
    expect(frames[4]?.body.toString()).toBe(JSON_EVENT_BODY);
    expect(headerValue(frames[6]?.headers ?? [], 'Job-UUID')).toBe('1');
    expect(frames[7]?.body.toString()).toBe(DISCONNECT_BODY);
  });

  it('reads the outbound connect reply, which has no Content-Length, and URL-decodes its values', () => {
    const [frame] = parseAll(
      'Event-Name: CHANNEL_DATA\nChannel-Callee-ID-Name: Outbound%20Call\nContent-Type: command/reply\nReply-Text: %2BOK%0A\nSocket-Mode: async\nControl: full\n\n',
    );
    expect(headerValue(frame?.headers ?? [], 'Reply-Text')).toBe('+OK\n');
    expect(headerValue(frame?.headers ?? [], 'Channel-Callee-ID-Name')).toBe('Outbound Call');
    expect(frame?.headers.find((header) => header.name === 'Reply-Text')?.raw).toBe('%2BOK%0A');
  });

  it('keeps a malformed escape such as "Reply-Text: 100%" as it arrived instead of throwing', () => {
    const [frame] = parseAll('Content-Type: command/reply\nReply-Text: 100%\nOther: %E0%A4%A\n\n');
    expect(headerValue(frame?.headers ?? [], 'Reply-Text')).toBe('100%');
    expect(headerValue(frame?.headers ?? [], 'Other')).toBe('%E0%A4%A');
  });

  it('handles 20,000 frames in a single chunk without recursion', () => {
    const frame = 'Content-Type: command/reply\nReply-Text: +OK\n\n';
    const frames = parseAll(frame.repeat(25_000));
    expect(frames).toHaveLength(25_000);
  });

  it('produces the same frames however the stream is split, at every byte boundary', () => {
    const stream = Buffer.from(SAMPLE_STREAM);
    const expected = parseAll(stream).map((frame) => serializeFrame(frame).toString());
    for (let cut = 0; cut <= stream.length; cut++) {
      const parser = new EslFrameParser();
      const frames = [...framesOf(parser.push(stream.subarray(0, cut))), ...framesOf(parser.push(stream.subarray(cut)))];
      expect(frames.map((frame) => serializeFrame(frame).toString())).toEqual(expected);
    }
  });

  it('produces the same frames when fed one byte at a time', () => {
    const stream = Buffer.from(SAMPLE_STREAM);
    const parser = new EslFrameParser();
    const frames: EslFrame[] = [];
    for (let i = 0; i < stream.length; i++) frames.push(...framesOf(parser.push(stream.subarray(i, i + 1))));
    expect(Buffer.concat(frames.map(serializeFrame)).toString()).toBe(SAMPLE_STREAM);
  });

  it('assembles a 512 KiB body fed in 1-byte chunks in linear time', { timeout: 10_000 }, () => {
    const size = 512 * 1024;
    const parser = new EslFrameParser();
    let frames = framesOf(parser.push(Buffer.from(`Content-Type: api/response\nContent-Length: ${size}\n\n`)));
    const body = Buffer.alloc(size, 0x61);
    for (let i = 0; i < size; i++) frames = frames.concat(framesOf(parser.push(body.subarray(i, i + 1))));
    expect(frames).toHaveLength(1);
    expect(frames[0]?.body.equals(body)).toBe(true);
  });

  it('reports a non-numeric Content-Length as an error object and stops', () => {
    const parser = new EslFrameParser();
    const outputs = parser.push(Buffer.from('Content-Type: api/response\nContent-Length: 12abc\n\nhello\n\nContent-Type: auth/request\n\n'));
    expect(outputs).toEqual([
      { kind: 'error', error: { code: 'bad-content-length', message: expect.stringContaining('12abc'), streamOffset: 0 } },
    ]);
    expect(parser.error?.code).toBe('bad-content-length');
    expect(parser.push(Buffer.from('Content-Type: auth/request\n\n'))).toEqual([]);
  });

  it('reports a Content-Length above the body limit', () => {
    const parser = new EslFrameParser({ maxBodyBytes: 10 });
    const outputs = parser.push(Buffer.from('Content-Type: auth/request\n\nContent-Length: 11\n\n'));
    expect(outputs.map((output) => output.kind)).toEqual(['frame', 'error']);
    expect(outputs[1]).toMatchObject({ kind: 'error', error: { code: 'body-too-large', streamOffset: 28 } });
  });

  it('reports a header block longer than 1 MiB without waiting for its end', () => {
    const parser = new EslFrameParser();
    const line = `X-Filler: ${'a'.repeat(1000)}\n`;
    const outputs: EslParseOutput[] = [];
    for (let i = 0; i < 1100 && outputs.length === 0; i++) outputs.push(...parser.push(Buffer.from(line)));
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toMatchObject({ kind: 'error', error: { code: 'header-block-too-large' } });
    expect(parser.bufferedBytes).toBe(0);
  });

  it('waits for the body when only the header block has arrived', () => {
    const parser = new EslFrameParser();
    expect(parser.push(Buffer.from('Content-Type: api/response\nContent-Length: 4\n\n+O'))).toEqual([]);
    expect(parser.bufferedBytes).toBe(2);
    expect(framesOf(parser.push(Buffer.from('K\n')))[0]?.body.toString()).toBe('+OK\n');
  });
});
