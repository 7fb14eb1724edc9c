import { startEmulator, type Emulator } from '@switchboard/esl-emulator';
import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startRuntime, type RuntimeHandle } from '../main.js';
import { FakeCallbackService, FakeDeploymentFeed, FakeVersionSource, RecordingAnalytics } from '../testing/fakes.js';
import { greetingFlow, liveVersion } from '../testing/flows.js';

let runtime: RuntimeHandle | undefined;
let emulator: Emulator | undefined;
const peers: Socket[] = [];
afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await emulator?.close();
  await runtime?.close();
  runtime = undefined;
  emulator = undefined;
});

/** A peer on the runtime's outbound port that says nothing (or what `onConnectCommand` sends) and notes when it is closed. */
interface Peer {
  readonly socket: Socket;
  readonly received: string[];
  readonly closed: Promise<number>;
}

function openPeer(port: number, onConnectCommand?: (socket: Socket) => void): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    peers.push(socket);
    const received: string[] = [];
    const closed = new Promise<number>((resolveClosed) => socket.once('close', () => resolveClosed(Date.now())));
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk.toString());
      if (onConnectCommand && received.join('').includes('connect\n\n')) {
        const send = onConnectCommand;
        onConnectCommand = undefined;
        send(socket);
      }
    });
    socket.once('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received, closed }));
    socket.once('error', reject);
  });
}

async function start(env: Record<string, string>, lines: string[] = []): Promise<{ runtime: RuntimeHandle; emulator: Emulator }> {
  const target = { host: '127.0.0.1', port: 0 };
  emulator = await startEmulator({ outbound: target, timeScale: 1000 });
  runtime = await startRuntime({
    config: loadConfig({ RUNTIME_LISTEN_PORT: '0', RUNTIME_HTTP_PORT: '0', ...env }),
    deployments: new FakeDeploymentFeed(),
    services: { versions: new FakeVersionSource([liveVersion('1000', greetingFlow('Hello', 'Hello.'))]), callbacks: new FakeCallbackService(), analytics: new RecordingAnalytics() },
    logger: pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) }),
  });
  target.port = runtime.outboundPort;
  await runtime.registry.loaded;
  return { runtime, emulator };
}

async function health(handle: RuntimeHandle): Promise<{ activeCalls: number }> {
  return (await (await fetch(`http://127.0.0.1:${handle.httpPort}/healthz`)).json()) as { activeCalls: number };
}

async function metrics(handle: RuntimeHandle): Promise<string> {
  return (await fetch(`http://127.0.0.1:${handle.httpPort}/metrics`)).text();
}

describe('outbound ESL connections that never complete the handshake', () => {
  it('1,000 silent connections are not calls, are closed after the handshake timeout, and real calls go on meanwhile', async () => {
    const timeoutMs = 4000;
    const { runtime: rt, emulator: em } = await start({ ESL_HANDSHAKE_TIMEOUT_MS: String(timeoutMs) });
    const opened = Date.now();
    const silent: Peer[] = [];
    for (let i = 0; i < 1000; i += 100) silent.push(...(await Promise.all(Array.from({ length: 100 }, () => openPeer(rt.outboundPort)))));
    expect(silent).toHaveLength(1000);

    expect((await health(rt)).activeCalls).toBe(0);
    const calls = Array.from({ length: 3 }, () => em.placeCall({ destination: '1000' }));
    expect((await Promise.all(calls.map((call) => call.finished))).map((end) => end.hangupCause)).toEqual(['NORMAL_CLEARING', 'NORMAL_CLEARING', 'NORMAL_CLEARING']);
    const silentStillOpen = silent.filter((peer) => !peer.socket.closed).length;

    const closedAt = await Promise.all(silent.map((peer) => peer.closed));
    expect(Math.min(...closedAt) - opened).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(silentStillOpen).toBeGreaterThan(0);
    expect((await health(rt)).activeCalls).toBe(0);
    const text = await metrics(rt);
    expect(text).toMatch(/switchboard_esl_connections_closed_total\{reason="handshakeTimeout"\} 1000/);
    expect(text).toMatch(/switchboard_calls_started_total\{environment="production"\} 3/);
  }, 60_000);

  it('a call counts in /healthz only once the switch has answered connect', async () => {
    const { runtime: rt } = await start({});
    const peer = await openPeer(rt.outboundPort);
    await expect.poll(() => peer.received.join('')).toContain('connect\n\n');
    expect((await health(rt)).activeCalls).toBe(0);
    peer.socket.write('Content-Type: command/reply\nReply-Text: +OK\nUnique-ID: u-1\nChannel-Destination-Number: 1000\n\n');
    await expect.poll(async () => (await health(rt)).activeCalls).toBe(1);
    peer.socket.destroy();
    await expect.poll(async () => (await health(rt)).activeCalls).toBe(0);
  });
});

/**
 * A switch in another thread (as FreeSWITCH is another process): answers `connect` with the channel data
 * `replyAfterMs` after it arrives, and tells the test what it saw: `connect`, `myevents`, `closed`.
 */
const SWITCH_IN_A_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const socket = require('node:net').connect(workerData.port, '127.0.0.1');
let received = '';
let answered = false;
socket.on('data', (chunk) => {
  received += chunk.toString();
  if (!answered && received.includes('connect\\n\\n')) {
    answered = true;
    parentPort.postMessage('connect');
    setTimeout(() => socket.write('Content-Type: command/reply\\nReply-Text: +OK\\nUnique-ID: u-stalled\\nCaller-Destination-Number: 1000\\n\\n'), workerData.replyAfterMs);
  }
  if (received.includes('myevents')) parentPort.postMessage('myevents');
});
socket.on('error', () => undefined);
socket.on('close', () => parentPort.postMessage('closed'));
`;

describe('outbound ESL handshake while the runtime is busy', () => {
  it('a call the switch answered in time is kept when the runtime was held up past the handshake timeout', async () => {
    const timeoutMs = 200;
    const { runtime: rt } = await start({ ESL_HANDSHAKE_TIMEOUT_MS: String(timeoutMs) });
    const fsThread = new Worker(SWITCH_IN_A_THREAD, { eval: true, workerData: { port: rt.outboundPort, replyAfterMs: 50 } });
    try {
      const seen: string[] = [];
      const outcome = new Promise<string>((resolve) => {
        fsThread.on('message', (message: string) => {
          seen.push(message);
          if (message === 'connect') {
            // The runtime's thread is held up (GC, a big publish, a busy test process) for 4 timeouts; the
            // switch's answer arrives 50 ms into it and waits in the socket.
            const until = Date.now() + 4 * timeoutMs;
            while (Date.now() < until) {
              // busy
            }
          }
          if (message === 'myevents' || message === 'closed') resolve(message);
        });
      });
      expect(await outcome).toBe('myevents');
      expect(seen).not.toContain('closed');
      expect(await metrics(rt)).not.toMatch(/switchboard_esl_connections_closed_total\{reason="handshakeTimeout"\} [1-9]/);
    } finally {
      await fsThread.terminate();
    }
  });
});

describe('outbound ESL connection cap', () => {
  it('refuses connections beyond ESL_MAX_CONNECTIONS at once, counts them, logs once per burst; calls work again below the cap', async () => {
    const lines: string[] = [];
    const { runtime: rt, emulator: em } = await start({ ESL_MAX_CONNECTIONS: '5', ESL_HANDSHAKE_TIMEOUT_MS: '60000' }, lines);
    const held = await Promise.all(Array.from({ length: 5 }, () => openPeer(rt.outboundPort)));
    await expect.poll(() => held.every((peer) => peer.received.join('').includes('connect\n\n'))).toBe(true);
    const extra = await Promise.all(Array.from({ length: 20 }, () => openPeer(rt.outboundPort)));
    await Promise.all(extra.map((peer) => peer.closed));
    expect(extra.every((peer) => peer.received.length === 0)).toBe(true);
    expect(held.every((peer) => !peer.socket.closed)).toBe(true);
    expect(await metrics(rt)).toMatch(/switchboard_esl_connections_refused_total 20/);
    expect(lines.filter((line) => line.includes('at the cap (ESL_MAX_CONNECTIONS)'))).toHaveLength(1);

    for (const peer of held) peer.socket.destroy();
    await expect.poll(() => rt.health().activeCalls).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const call = em.placeCall({ destination: '1000' });
    expect((await call.finished).hangupCause).toBe('NORMAL_CLEARING');
  }, 30_000);
});

describe('outbound ESL frame limit', () => {
  it('closes a connection that announces a body over ESL_MAX_FRAME_BYTES, with a clear log, before buffering it', async () => {
    const lines: string[] = [];
    const { runtime: rt } = await start({ ESL_MAX_FRAME_BYTES: '65536' }, lines);
    const peer = await openPeer(rt.outboundPort, (socket) => socket.write('Content-Type: command/reply\nContent-Length: 100000\n\n' + 'x'.repeat(1000)));
    await peer.closed;
    expect(lines.some((line) => line.includes('closing outbound ESL connection: Content-Length 100000 exceeds 65536 (ESL_MAX_FRAME_BYTES)'))).toBe(true);
    expect(await metrics(rt)).toMatch(/switchboard_esl_connections_closed_total\{reason="protocolError"\} 1/);
    expect((await health(rt)).activeCalls).toBe(0);
  });

  it('closes a connection whose header block runs past the limit without a blank line', async () => {
    const lines: string[] = [];
    const { runtime: rt } = await start({ ESL_MAX_FRAME_BYTES: '65536' }, lines);
    const peer = await openPeer(rt.outboundPort, (socket) => {
      for (let i = 0; i < 20 && !socket.destroyed; i++) socket.write(`X-Filler-${i}: ${'y'.repeat(8000)}\n`);
    });
    await peer.closed;
    expect(lines.some((line) => line.includes('header block exceeds 65536 bytes without a blank line'))).toBe(true);
  });
});
