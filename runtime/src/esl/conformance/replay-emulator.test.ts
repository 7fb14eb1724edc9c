import { startEmulator, type CallScript, type Emulator, type EmulatorOptions } from '@switchboard/esl-emulator';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEvent } from '../event.js';
import type { EslFrame } from '../frame.js';
import { frameShape } from './frame-shape.js';
import { FrameCollector, listenOnce, recordedReceivedBlocks, replayBlocks, replayInbound } from './replay.js';
import { loadTranscript } from './transcript.js';

const SUPPORT_QUEUE = {
  'support@default': {
    strategy: 'longest-idle-agent',
    mohSound: 'tone_stream://%(2000,4000,440,480);loops=-1',
    maxWaitTimeSeconds: 5,
    maxWaitTimeWithNoAgentSeconds: 3,
    maxWaitTimeWithNoAgentTimeReachedSeconds: 5,
    discardAbandonedAfterSeconds: 60,
  },
};

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

function expectSameShapes(recorded: EslFrame[][], actual: EslFrame[][]): void {
  expect(actual.map((block) => block.map(frameShape))).toEqual(recorded.map((block) => block.map(frameShape)));
}

function isExecuteOf(frame: EslFrame, app: string): boolean {
  const decoded = decodeEvent(frame);
  return decoded.ok && decoded.event.name === 'CHANNEL_EXECUTE' && decoded.event.headers.some((h) => h.name === 'Application' && h.value === app);
}

interface OutboundScenario {
  readonly name: string;
  readonly script?: CallScript;
  readonly options?: Partial<EmulatorOptions>;
  /** Kill the B leg once CHANNEL_EXECUTE of this app arrives (what the control connection did). */
  readonly killDuring?: string;
}

const OUTBOUND: readonly OutboundScenario[] = [
  { name: '02-outbound-answer-playback-hangup' },
  { name: '03-outbound-play-and-get-digits', script: { dtmf: [{ digits: '2' }, null] } },
  { name: '04-outbound-speak-flite' },
  { name: '05-outbound-callcenter', options: { queues: SUPPORT_QUEUE } },
  { name: '06-outbound-bridge-fail', script: { bridge: [{ result: 'USER_BUSY' }, { result: 'NO_ROUTE_DESTINATION' }, { result: 'USER_BUSY' }] } },
  { name: '08-outbound-caller-hangs-up-mid-prompt', killDuring: 'playback' },
];

describe('outbound transcripts replayed against the emulator', () => {
  it.each(OUTBOUND)('$name: framing, Content-Type, header names and order agree', async (scenario) => {
    const listener = await listenOnce();
    emulator = await startEmulator({ outbound: { host: '127.0.0.1', port: listener.port }, timeScale: 1000, ...scenario.options });
    const call = emulator.placeCall({ destination: '1000', ...(scenario.script ? { script: scenario.script } : {}) });
    const socket = await listener.connection;
    listener.close();
    const collector = new FrameCollector(socket);
    collector.onFrame = (frame) => {
      if (scenario.killDuring && isExecuteOf(frame, scenario.killDuring)) emulator?.killChannel(call.bLegUuid);
    };
    const { recorded, actual } = await replayBlocks(loadTranscript(scenario.name), socket, collector);
    expectSameShapes(recorded, actual);
    await collector.waitForClose();
    expect(collector.closed).toBe(true);
    socket.destroy();
  });

  it('09-outbound-socket-gone: closing after connect gets the disconnect notice, then the switch closes', async () => {
    const listener = await listenOnce();
    emulator = await startEmulator({ outbound: { host: '127.0.0.1', port: listener.port }, timeScale: 1000 });
    const call = emulator.placeCall({ destination: '1000' });
    const socket = await listener.connection;
    listener.close();
    const collector = new FrameCollector(socket);
    const transcript = loadTranscript('09-outbound-socket-gone');
    socket.write(transcript.blocks[0]?.data ?? Buffer.alloc(0));
    await collector.waitFor(1);
    socket.end();
    await collector.waitForClose();
    const recorded = recordedReceivedBlocks(transcript).filter((block) => block.length > 0);
    expectSameShapes(recorded, [collector.frames]);
    const summary = await call.finished;
    const bLegEvents = summary.log.flatMap((entry) => (entry.kind === 'event' && entry.leg === 'b' ? [entry.event.name] : []));
    // The dialplan goes on after the socket app: its hangup runs (transcript 09's control stream).
    expect(bLegEvents.slice(-6)).toEqual(['CHANNEL_EXECUTE', 'CHANNEL_HANGUP', 'CHANNEL_EXECUTE_COMPLETE', 'CHANNEL_STATE', 'CHANNEL_STATE', 'CHANNEL_HANGUP_COMPLETE']);
  });
});

describe('inbound transcripts replayed against the emulator', () => {
  it.each([
    '01-inbound-auth-api.wrong-password',
    '01-inbound-auth-api',
    '07-inbound-originate-callback',
    '02-outbound-answer-playback-hangup.control',
    '03-outbound-play-and-get-digits.control',
    '04-outbound-speak-flite.control',
    '06-outbound-bridge-fail.control',
  ])('%s: framing, Content-Type, header names and order agree', async (name) => {
    // Calls to 1000 connect to a runtime stand-in that accepts and stays silent, so they stay up (parked).
    const silentRuntime = createServer(() => undefined);
    await new Promise<void>((resolve) => silentRuntime.listen(0, '127.0.0.1', () => resolve()));
    const outbound = { host: '127.0.0.1', port: (silentRuntime.address() as AddressInfo).port };
    try {
      emulator = await startEmulator({ timeScale: 1000, extensions: { '1001': 'tone' }, queues: SUPPORT_QUEUE, outbound });
      const { recorded, actual } = await replayInbound(loadTranscript(name), emulator.inboundPort);
      expectSameShapes(recorded, actual);
    } finally {
      await emulator?.close();
      emulator = undefined;
      silentRuntime.close();
    }
  });
});
