import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { contentType, type EslFrame } from '../frame.js';
import { EslFrameParser } from '../parser.js';
import { isRacyParkEvent } from './frame-shape.js';
import { streamOf, type Transcript } from './transcript.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Frames of one direction of a recording, split by block, with CHANNEL_PARK races removed. */
export function recordedReceivedBlocks(transcript: Transcript): EslFrame[][] {
  return transcript.blocks.map((block) => {
    if (block.direction !== 'received') return [];
    const parser = new EslFrameParser();
    return parser.push(block.data).flatMap((output) => (output.kind === 'frame' && !isRacyParkEvent(output.frame) ? [output.frame] : []));
  });
}

/** Collects frames arriving on a socket and lets the driver wait for a number of them. */
export class FrameCollector {
  readonly frames: EslFrame[] = [];
  closed = false;
  /** Called for every frame as it arrives (lets a test act mid-block, like a control connection would). */
  onFrame: ((frame: EslFrame) => void) | undefined;
  private readonly parser = new EslFrameParser();
  private waiters: Array<() => void> = [];

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const output of this.parser.push(chunk)) {
        if (output.kind === 'frame' && !isRacyParkEvent(output.frame)) {
          this.frames.push(output.frame);
          this.onFrame?.(output.frame);
        }
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  /** Waits until `count` frames have arrived (or the socket closed, or `timeoutMs` passed). */
  async waitFor(count: number, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length < count && !this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, Math.max(1, deadline - Date.now()));
      });
    }
  }

  async waitForClose(timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/**
 * Maps UUIDs that appear in the recording to the ones the emulator produced, learnt by comparing frames
 * position by position, so recorded commands that name a channel or job can be replayed.
 */
export class UuidMap {
  private readonly map = new Map<string, string>();

  learn(recorded: readonly EslFrame[], actual: readonly EslFrame[]): void {
    recorded.forEach((frame, i) => {
      const other = actual[i];
      if (!other) return;
      const recordedIds = textOf(frame).match(UUID) ?? [];
      const actualIds = textOf(other).match(UUID) ?? [];
      recordedIds.forEach((id, j) => {
        const mapped = actualIds[j];
        if (mapped && !this.map.has(id)) this.map.set(id, mapped);
      });
    });
  }

  /** Replaces known recorded UUIDs in `data`; unknown ones (client-chosen Job-UUIDs, Event-UUIDs) stay. */
  substitute(data: Buffer): Buffer {
    return Buffer.from(data.toString('latin1').replace(UUID, (id) => this.map.get(id) ?? id), 'latin1');
  }
}

function textOf(frame: EslFrame): string {
  const type = contentType(frame);
  const reply = frame.headers.map((h) => `${h.name}: ${h.value}`).join('\n');
  return type === 'api/response' || type === 'text/event-plain' ? `${reply}\n${frame.body.toString('utf8')}` : reply;
}

/**
 * Replays the SENT blocks of an inbound transcript against a server at `port`, waiting after each for as many
 * frames as the recording received next. Returns the recorded and actual frames, block by block.
 */
export async function replayInbound(transcript: Transcript, port: number): Promise<{ recorded: EslFrame[][]; actual: EslFrame[][] }> {
  const socket = connect(port, '127.0.0.1');
  const collector = new FrameCollector(socket);
  try {
    return await replayBlocks(transcript, socket, collector);
  } finally {
    socket.destroy();
  }
}

/** Drives `socket` with the transcript's SENT blocks; see {@link replayInbound}. */
export async function replayBlocks(
  transcript: Transcript,
  socket: Socket,
  collector: FrameCollector,
  onBlock?: (index: number, actual: readonly EslFrame[]) => void,
): Promise<{ recorded: EslFrame[][]; actual: EslFrame[][] }> {
  const recordedBlocks = recordedReceivedBlocks(transcript);
  const uuids = new UuidMap();
  const recorded: EslFrame[][] = [];
  const actual: EslFrame[][] = [];
  let expected = 0;
  for (const [index, block] of transcript.blocks.entries()) {
    if (block.direction === 'sent') {
      if (!collector.closed) socket.write(uuids.substitute(block.data));
      continue;
    }
    const frames = recordedBlocks[index] ?? [];
    const start = expected;
    expected += frames.length;
    await collector.waitFor(expected);
    const got = collector.frames.slice(start, expected);
    uuids.learn(frames, got);
    recorded.push(frames);
    actual.push(got);
    onBlock?.(index, got);
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  const extra = collector.frames.slice(expected);
  if (extra.length > 0) actual.push(extra);
  return { recorded, actual };
}

/** A one-connection TCP listener standing in for the runtime's outbound socket server. */
export async function listenOnce(): Promise<{ port: number; connection: Promise<Socket>; close: () => void }> {
  let accept: (socket: Socket) => void = () => undefined;
  const connection = new Promise<Socket>((resolve) => (accept = resolve));
  const server = createServer((socket) => accept(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.address() as AddressInfo).port, connection, close: () => server.close() };
}
