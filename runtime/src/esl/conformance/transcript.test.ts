import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listTranscripts, loadTranscript, parseTranscript, TRANSCRIPT_DIR } from './transcript.js';

describe('transcript loader', () => {
  it('finds all 21 recorded transcripts', () => {
    expect(listTranscripts()).toHaveLength(21);
  });

  it.each(listTranscripts())('%s: blocks agree byte for byte with the .json twin', (name) => {
    const transcript = loadTranscript(name);
    const json = JSON.parse(readFileSync(`${TRANSCRIPT_DIR}${name}.json`, 'utf8')) as Array<{ dir: string; data: string }>;
    expect(transcript.blocks.map((block) => block.direction)).toEqual(json.map((block) => block.dir));
    transcript.blocks.forEach((block, i) => expect(block.data.toString('latin1')).toBe(json[i]?.data));
  });

  it('keeps a block whose data ends in blank lines intact', () => {
    const file = Buffer.from('>>> SENT\nexit\n\n\n<<< RECEIVED\nContent-Type: command/reply\nReply-Text: +OK bye\n\n\n');
    const transcript = parseTranscript('inline', file);
    expect(transcript.blocks.map((block) => block.data.toString())).toEqual([
      'exit\n\n',
      'Content-Type: command/reply\nReply-Text: +OK bye\n\n',
    ]);
  });

  it('rejects a file that does not start with a marker', () => {
    expect(() => parseTranscript('bad', Buffer.from('hello\n'))).toThrow(/marker/);
  });
});
