import { describe, expect, it } from 'vitest';
import { CommandReader } from './command-reader.js';
import { encodeHeaderValue } from './url-encode.js';

describe('CommandReader', () => {
  it('splits commands with headers and bodies, however the bytes are chunked', () => {
    const stream = Buffer.from('auth ClueCon\n\nbgapi status\nJob-UUID: j1\n\nsendmsg\ncall-command: execute\nContent-Length: 3\n\nabcexit\n\n');
    for (let cut = 0; cut <= stream.length; cut++) {
      const reader = new CommandReader();
      const commands = [...(reader.push(stream.subarray(0, cut)) ?? []), ...(reader.push(stream.subarray(cut)) ?? [])];
      expect(commands.map((c) => c.line)).toEqual(['auth ClueCon', 'bgapi status', 'sendmsg', 'exit']);
      expect(commands[1]?.headers.get('Job-UUID')).toBe('j1');
      expect(commands[2]?.body).toBe('abc');
    }
  });

  it('gives up on a nonsensical Content-Length', () => {
    expect(new CommandReader().push(Buffer.from('sendmsg\nContent-Length: -5\n\n'))).toBeUndefined();
  });
});

describe('encodeHeaderValue', () => {
  it('encodes like FreeSWITCH: ":" "%" " " "+" "\\n" escaped, "/" "(" "," kept', () => {
    expect(encodeHeaderValue('tone_stream://%(500,0,440)')).toBe('tone_stream%3A//%25(500,0,440)');
    expect(encodeHeaderValue('+OK\n')).toBe('%2BOK%0A');
    expect(encodeHeaderValue('Mon, 23 Nov 2026')).toBe('Mon,%2023%20Nov%202026');
  });
});
