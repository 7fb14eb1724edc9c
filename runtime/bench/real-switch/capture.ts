/**
 * Wire timing for the real-switch benchmark: captures loopback traffic with tcpdump and measures, per call
 * socket, the time from the packet that completes a prompt's CHANNEL_EXECUTE_COMPLETE (its last byte arriving)
 * to the packet carrying the client's next prompt command. Whatever the client does in between — event-loop
 * lag, parsing, the interpreter, GC — is inside that interval, for the raw client and the runtime alike.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

/** A running tcpdump. */
export interface Capture {
  /**
   * Waits until tcpdump has written everything (the file stops growing for `quietMs`), stops it (SIGINT, so the
   * file is complete) and resolves with the packets the kernel dropped (0 when the capture is whole).
   */
  stop(quietMs?: number): Promise<number>;
}

/** Starts `tcpdump -i lo` on the given TCP ports, writing every byte to `file`; resolves once it listens. */
export async function startCapture(ports: readonly number[], file: string): Promise<Capture> {
  const filter = ports.map((port) => `tcp port ${port}`).join(' or ');
  const child = spawn('tcpdump', ['-i', 'lo', '-n', '-s', '0', '-B', '65536', '-U', '-w', file, filter], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tcpdump did not start: ${stderr}`)), 10_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (error) => reject(new Error(`cannot run tcpdump (installed? root?): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`tcpdump exited with ${code}: ${stderr}`)));
  });
  return {
    async stop(quietMs = 2000) {
      // tcpdump lags behind the kernel's ring buffer on a busy machine: let it catch up before stopping it.
      let size = -1;
      for (let stable = 0; stable < quietMs; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const now = statSync(file).size;
        stable = now === size ? stable + 100 : 0;
        size = now;
      }
      child.kill('SIGINT');
      await exited;
      const dropped = /(\d+) packets? dropped by kernel/.exec(stderr);
      return dropped ? Number(dropped[1]) : 0;
    },
  };
}

/** One TCP segment with payload, in capture order. */
export interface Segment {
  /** Capture time, µs. */
  readonly at: number;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly payload: Buffer;
}

/** Reads a classic pcap file (Ethernet or Linux cooked link layer, IPv4, TCP) into payload-carrying segments. */
export function readSegments(file: string): Segment[] {
  return parsePcap(readFileSync(file), file);
}

/** {@link readSegments} on bytes already read; `file` names them in errors. */
export function parsePcap(data: Buffer, file = 'capture'): Segment[] {
  if (data.length < 24) throw new Error(`${file}: not a pcap file (${data.length} bytes)`);
  const magic = data.readUInt32LE(0);
  const littleEndian = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const nanos = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  if (!littleEndian && magic !== 0xd4c3b2a1 && magic !== 0x4d3cb2a1) throw new Error(`${file}: not a pcap file (magic ${magic.toString(16)})`);
  const u32 = (offset: number) => (littleEndian ? data.readUInt32LE(offset) : data.readUInt32BE(offset));
  const linkType = u32(20);
  const linkHeader = linkType === 1 ? 14 : linkType === 113 ? 16 : -1;
  if (linkHeader < 0) throw new Error(`${file}: link type ${linkType} not supported (expected Ethernet or Linux cooked)`);
  const segments: Segment[] = [];
  for (let offset = 24; offset + 16 <= data.length; ) {
    const at = u32(offset) * 1e6 + (nanos ? u32(offset + 4) / 1000 : u32(offset + 4));
    const captured = u32(offset + 8);
    const packet = data.subarray(offset + 16, offset + 16 + captured);
    offset += 16 + captured;
    const ip = linkHeader;
    if (packet.length < ip + 20 || packet[ip]! >> 4 !== 4 || packet[ip + 9] !== 6) continue;
    const ipHeader = (packet[ip]! & 0x0f) * 4;
    const ipTotal = packet.readUInt16BE(ip + 2);
    const tcp = ip + ipHeader;
    const tcpHeader = (packet[tcp + 12]! >> 4) * 4;
    const payloadLength = ipTotal - ipHeader - tcpHeader;
    if (payloadLength <= 0) continue;
    const payload = packet.subarray(tcp + tcpHeader, tcp + tcpHeader + payloadLength);
    if (payload.length < payloadLength) throw new Error(`${file}: packet truncated by the capture (snap length too small)`);
    segments.push({ at, srcPort: packet.readUInt16BE(tcp), dstPort: packet.readUInt16BE(tcp + 2), seq: packet.readUInt32BE(tcp + 4), payload });
  }
  return segments;
}

/** What one capture says about one client. */
export interface WireTiming {
  /** µs from a prompt's completion arriving to the next prompt's command leaving, one per prompt. */
  readonly wire: number[];
  /** µs between the same completion and the next app's CHANNEL_EXECUTE by the switch's own clock (Event-Date-Timestamp). */
  readonly switchSide: number[];
  readonly connections: number;
  /** Connections whose switch → client stream had a hole (lost capture): not measured. */
  readonly broken: number;
}

interface Flow {
  expectedSeq: number | undefined;
  pending: Buffer;
  broken: boolean;
  /** Capture time and switch timestamp of the latest prompt completion not answered yet. */
  completion: { at: number; stamp: number } | undefined;
  /** Switch timestamp of the latest prompt completion, until the switch starts the next app. */
  lastCompletionStamp: number | undefined;
}

/** The value of header `name` in a plain event body (as sent, not URL-decoded). */
const field = (text: string, name: string): string | undefined => {
  let from: number;
  if (text.startsWith(`${name}: `)) from = name.length + 2;
  else {
    const at = text.indexOf(`\n${name}: `);
    if (at < 0) return undefined;
    from = at + name.length + 3;
  }
  const end = text.indexOf('\n', from);
  return text.slice(from, end < 0 ? undefined : end);
};

/**
 * Measures the clients listening on `port` in a capture. `promptCommand` tells a prompt's command segment (the
 * client's answer to the previous prompt's completion) apart from the others; `promptApp` is the app whose
 * CHANNEL_EXECUTE_COMPLETE ends a prompt.
 */
export function wireTiming(segments: readonly Segment[], port: number, promptCommand: string, promptApp: string): WireTiming {
  const flows = new Map<number, Flow>();
  const wire: number[] = [];
  const switchSide: number[] = [];
  const flowOf = (remote: number): Flow => {
    let flow = flows.get(remote);
    if (!flow) flows.set(remote, (flow = { expectedSeq: undefined, pending: Buffer.alloc(0), broken: false, completion: undefined, lastCompletionStamp: undefined }));
    return flow;
  };
  for (const segment of segments) {
    if (segment.srcPort === port) {
      const flow = flowOf(segment.dstPort);
      if (flow.broken || flow.completion === undefined) continue;
      if (segment.payload.toString('latin1', 0, 7) === 'sendmsg' && segment.payload.includes(promptCommand)) {
        wire.push(segment.at - flow.completion.at);
        flow.completion = undefined;
      }
      continue;
    }
    if (segment.dstPort !== port) continue;
    const flow = flowOf(segment.srcPort);
    if (flow.broken) continue;
    let payload = segment.payload;
    if (flow.expectedSeq !== undefined) {
      const skip = (flow.expectedSeq - segment.seq) >>> 0;
      if (skip !== 0 && skip < 0x80000000) {
        if (skip >= payload.length) continue; // a retransmission of bytes already seen
        payload = payload.subarray(skip);
      } else if (skip !== 0) {
        flow.broken = true; // bytes missing from the capture
        continue;
      }
    }
    flow.expectedSeq = (segment.seq + segment.payload.length) >>> 0;
    flow.pending = flow.pending.length === 0 ? payload : Buffer.concat([flow.pending, payload]);
    for (;;) {
      const end = flow.pending.indexOf('\n\n');
      if (end < 0) break;
      const headers = flow.pending.toString('latin1', 0, end);
      const length = /(?:^|\n)Content-Length: (\d+)/.exec(headers);
      const size = length ? Number(length[1]) : 0;
      if (flow.pending.length < end + 2 + size) break;
      const body = flow.pending.toString('latin1', end + 2, end + 2 + size);
      flow.pending = flow.pending.subarray(end + 2 + size);
      const name = field(body, 'Event-Name');
      if (name === 'CHANNEL_EXECUTE_COMPLETE' && field(body, 'Application') === promptApp) {
        const stamp = Number(field(body, 'Event-Date-Timestamp'));
        flow.completion = { at: segment.at, stamp };
        flow.lastCompletionStamp = stamp;
      } else if (name === 'CHANNEL_EXECUTE' && flow.lastCompletionStamp !== undefined) {
        switchSide.push(Number(field(body, 'Event-Date-Timestamp')) - flow.lastCompletionStamp);
        flow.lastCompletionStamp = undefined;
      }
    }
  }
  const all = [...flows.values()];
  return { wire, switchSide, connections: all.length, broken: all.filter((flow) => flow.broken).length };
}
