import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Which side wrote a block: `sent` is the ESL client (our application), `received` is FreeSWITCH. */
export type TranscriptDirection = 'sent' | 'received';

/** Consecutive bytes written in one direction. */
export interface TranscriptBlock {
  readonly direction: TranscriptDirection;
  readonly data: Buffer;
}

/** One recorded TCP connection. */
export interface Transcript {
  /** Base name, e.g. `02-outbound-answer-playback-hangup.control`. */
  readonly name: string;
  readonly blocks: readonly TranscriptBlock[];
}

/** The recorded FreeSWITCH transcripts, kept beside this loader (`fixtures/README.md` says where they come from). */
export const TRANSCRIPT_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

const MARKERS: ReadonlyArray<readonly [string, TranscriptDirection]> = [
  ['>>> SENT\n', 'sent'],
  ['<<< RECEIVED\n', 'received'],
];

function markerAt(text: string, index: number): readonly [string, TranscriptDirection] | undefined {
  return MARKERS.find(([marker]) => text.startsWith(marker, index));
}

/**
 * Parses the `.esl.txt` format: a marker line (`>>> SENT` or `<<< RECEIVED`), the exact bytes, then one `\n`
 * separator that is not part of the data. A block ends before the `\n` that precedes the next marker line, or
 * before the file's last `\n`.
 */
export function parseTranscript(name: string, file: Buffer): Transcript {
  const text = file.toString('latin1');
  const starts: Array<{ index: number; marker: string; direction: TranscriptDirection }> = [];
  for (let index = 0; index < text.length; index = text.indexOf('\n', index) + 1) {
    const found = markerAt(text, index);
    if (found) starts.push({ index, marker: found[0], direction: found[1] });
    if (text.indexOf('\n', index) === -1) break;
  }
  if (starts[0]?.index !== 0) throw new Error(`${name}: transcript does not start with a marker line`);
  const blocks = starts.map((start, i) => {
    const dataStart = start.index + start.marker.length;
    const dataEnd = (starts[i + 1]?.index ?? text.length) - 1;
    if (text[dataEnd] !== '\n') throw new Error(`${name}: block at ${start.index} is not followed by the \\n separator`);
    return { direction: start.direction, data: file.subarray(dataStart, dataEnd) };
  });
  return { name, blocks };
}

/** Loads `<name>.esl.txt` from the transcript folder. */
export function loadTranscript(name: string): Transcript {
  return parseTranscript(name, readFileSync(`${TRANSCRIPT_DIR}${name}.esl.txt`));
}

/** Base names of every transcript in the transcript folder. */
export function listTranscripts(): string[] {
  return readdirSync(TRANSCRIPT_DIR)
    .filter((file) => file.endsWith('.esl.txt'))
    .map((file) => file.slice(0, -'.esl.txt'.length))
    .sort();
}

/** Concatenates every block written in one direction: that direction's exact byte stream. */
export function streamOf(transcript: Transcript, direction: TranscriptDirection): Buffer {
  return Buffer.concat(transcript.blocks.filter((block) => block.direction === direction).map((block) => block.data));
}
