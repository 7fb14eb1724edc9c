import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { EslFrameParser } from './parser.js';

/** freeswitch-esl 2.0.0's parser, loaded as the package ships it (CommonJS). */
const { Parser: UpstreamParser } = createRequire(import.meta.url)('freeswitch-esl/__build__/src/esl/parser.js') as {
  Parser: new (socket: EventEmitter) => EventEmitter;
};

function feedUpstream(bytes: Buffer): { events: number; error: unknown } {
  const socket = new EventEmitter();
  const parser = new UpstreamParser(socket);
  let events = 0;
  parser.on('esl::event', () => events++);
  try {
    socket.emit('data', bytes);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

function feedOurs(bytes: Buffer): { frames: number; errors: number } {
  const outputs = new EslFrameParser().push(bytes);
  return { frames: outputs.filter((o) => o.kind === 'frame').length, errors: outputs.filter((o) => o.kind === 'error').length };
}

const REPLY = 'Content-Type: command/reply\nReply-Text: +OK\n\n';

describe('the two freeswitch-esl 2.0.0 parser defects, and our framing layer on the same bytes', () => {
  it('upstream recurses per frame: 20,000 frames in one chunk overflow the stack; ours parses them all', () => {
    const bytes = Buffer.from(REPLY.repeat(20_000));
    expect(feedUpstream(Buffer.from(REPLY.repeat(1000))).error).toBeUndefined();
    expect(feedUpstream(bytes).error).toBeInstanceOf(RangeError);
    expect(feedOurs(bytes)).toEqual({ frames: 20_000, errors: 0 });
  });

  it('upstream throws URIError from the data handler on "Reply-Text: 100%"; ours keeps the raw value', () => {
    const bytes = Buffer.from('Content-Type: command/reply\nReply-Text: 100%\n\n');
    expect(feedUpstream(bytes).error).toBeInstanceOf(URIError);
    expect(feedOurs(bytes)).toEqual({ frames: 1, errors: 0 });
  });
});
