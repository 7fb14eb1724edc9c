import { describe, expect, it } from 'vitest';
import { serializeCommand, type EslCommand } from '../commands.js';
import { decodeEvent, serializePlainEventBody } from '../event.js';
import { contentType, headerValue, serializeFrame, type EslFrame } from '../frame.js';
import { EslFrameParser } from '../parser.js';
import { encodeHeaderValue } from '../url-codec.js';
import { listTranscripts, loadTranscript, streamOf } from './transcript.js';

function parseStream(stream: Buffer): { frames: EslFrame[]; leftover: number } {
  const parser = new EslFrameParser();
  const outputs = parser.push(stream);
  expect(outputs.filter((output) => output.kind === 'error')).toEqual([]);
  return { frames: outputs.flatMap((output) => (output.kind === 'frame' ? [output.frame] : [])), leftover: parser.bufferedBytes };
}

/** Rebuilds the typed command a recorded client frame stands for, so the serialiser can be checked against it. */
function commandOf(frame: EslFrame): EslCommand {
  const first = frame.headers[0]?.name ?? '';
  const [verb = '', ...rest] = first.split(' ');
  const argument = rest.join(' ');
  switch (verb) {
    case 'auth':
      return { kind: 'auth', password: argument };
    case 'api':
      return { kind: 'api', command: argument };
    case 'bgapi': {
      const jobUuid = headerValue(frame.headers, 'Job-UUID');
      return jobUuid === undefined ? { kind: 'bgapi', command: argument } : { kind: 'bgapi', command: argument, jobUuid };
    }
    case 'event':
      return { kind: 'event', format: rest[0] === 'json' ? 'json' : 'plain', events: rest.slice(1) };
    case 'connect':
    case 'myevents':
    case 'exit':
      return { kind: verb };
    case 'linger':
      return argument ? { kind: 'linger', seconds: Number(argument) } : { kind: 'linger' };
    case 'sendmsg': {
      const arg = headerValue(frame.headers, 'execute-app-arg');
      return {
        kind: 'execute',
        app: headerValue(frame.headers, 'execute-app-name') ?? '',
        eventUuid: headerValue(frame.headers, 'Event-UUID') ?? '',
        ...(arg === undefined ? {} : { arg }),
      };
    }
    default:
      throw new Error(`unknown recorded command ${first}`);
  }
}

describe.each(listTranscripts())('transcript %s', (name) => {
  const transcript = loadTranscript(name);

  it('RECEIVED stream parses into frames with no leftover bytes and re-serialises to the exact bytes', () => {
    const stream = streamOf(transcript, 'received');
    const { frames, leftover } = parseStream(stream);
    expect(leftover).toBe(0);
    expect(frames.length).toBeGreaterThan(0);
    expect(Buffer.concat(frames.map(serializeFrame)).equals(stream)).toBe(true);
  });

  it('RECEIVED stream parses the same when fed one byte at a time', () => {
    const stream = streamOf(transcript, 'received');
    const parser = new EslFrameParser();
    const frames: EslFrame[] = [];
    for (let i = 0; i < stream.length; i++) {
      for (const output of parser.push(stream.subarray(i, i + 1))) if (output.kind === 'frame') frames.push(output.frame);
    }
    expect(Buffer.concat(frames.map(serializeFrame)).equals(stream)).toBe(true);
  });

  it('every event decodes; plain events re-serialise exactly and their values re-encode as FreeSWITCH does', () => {
    const { frames } = parseStream(streamOf(transcript, 'received'));
    for (const frame of frames.filter((f) => contentType(f)?.startsWith('text/event-'))) {
      const decoded = decodeEvent(frame);
      if (!decoded.ok) throw new Error(decoded.error.message);
      expect(decoded.event.name).toMatch(/^[A-Z_]+$/);
      if (decoded.event.format === 'plain') {
        expect(serializePlainEventBody(decoded.event).equals(frame.body)).toBe(true);
        for (const header of decoded.event.headers) expect(encodeHeaderValue(header.value)).toBe(header.raw);
      }
    }
  });

  it('SENT stream is reproduced byte for byte by the command serialiser', () => {
    const stream = streamOf(transcript, 'sent');
    const { frames, leftover } = parseStream(stream);
    expect(leftover).toBe(0);
    expect(frames.map((frame) => serializeCommand(commandOf(frame))).join('')).toBe(stream.toString('latin1'));
  });
});

it('the BACKGROUND_JOB of transcript 07 carries the client-chosen Job-UUID and its body', () => {
  const { frames } = parseStream(streamOf(loadTranscript('07-inbound-originate-callback'), 'received'));
  const jobs = frames.filter((frame) => contentType(frame) === 'text/event-plain').map((frame) => decodeEvent(frame));
  const second = jobs[1];
  if (!second?.ok) throw new Error('second BACKGROUND_JOB missing');
  expect(headerValue(second.event.headers, 'Job-UUID')).toBe('413a1d23-52bb-43e6-a33c-924b417f3eba');
  expect(second.event.body).toBe('-ERR USER_BUSY\n');
});

it('the connect reply of transcript 02 is one frame of CHANNEL_DATA headers and command/reply', () => {
  const { frames } = parseStream(streamOf(loadTranscript('02-outbound-answer-playback-hangup'), 'received'));
  const connect = frames[0];
  expect(headerValue(connect?.headers ?? [], 'Event-Name')).toBe('CHANNEL_DATA');
  expect(contentType(connect ?? { headers: [], body: Buffer.alloc(0) })).toBe('command/reply');
  expect(headerValue(connect?.headers ?? [], 'Reply-Text')).toBe('+OK\n');
  expect(headerValue(connect?.headers ?? [], 'variable_current_application_data')).toBe('127.0.0.1:9090 async full');
});
