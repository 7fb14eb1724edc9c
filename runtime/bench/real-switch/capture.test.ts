import { describe, expect, it } from 'vitest';
import { parsePcap, wireTiming } from './capture.js';

const CLIENT = 9090; // the benchmark client listens here
const SWITCH = 40_000; // FreeSWITCH's side of the call's socket

interface Packet {
  readonly atUs: number;
  readonly from: number;
  readonly to: number;
  readonly seq: number;
  readonly payload: string;
}

/** A classic little-endian pcap (µs timestamps, Ethernet) of IPv4/TCP packets. */
function pcap(packets: readonly Packet[]): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262_144, 16);
  header.writeUInt32LE(1, 20);
  const records = packets.map((packet) => {
    const payload = Buffer.from(packet.payload, 'latin1');
    const frame = Buffer.alloc(14 + 20 + 20 + payload.length);
    frame.writeUInt16BE(0x0800, 12);
    frame[14] = 0x45;
    frame.writeUInt16BE(20 + 20 + payload.length, 16);
    frame[23] = 6;
    frame.writeUInt16BE(packet.from, 34);
    frame.writeUInt16BE(packet.to, 36);
    frame.writeUInt32BE(packet.seq, 38);
    frame[46] = 5 << 4;
    payload.copy(frame, 54);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(Math.floor(packet.atUs / 1e6), 0);
    record.writeUInt32LE(packet.atUs % 1e6, 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    return Buffer.concat([record, frame]);
  });
  return Buffer.concat([header, ...records]);
}

/** FreeSWITCH's bytes for one event: its header block and its body, as the switch writes them (two writes). */
function event(name: string, app: string, stamp: number): [string, string] {
  const body = `Event-Name: ${name}\nEvent-Date-Timestamp: ${stamp}\nApplication: ${app}\nApplication-UUID: u\n\n`;
  return [`Content-Length: ${body.length}\nContent-Type: text/event-plain\n\n`, body];
}

/** Builds the switch → client stream with consecutive sequence numbers. */
function switchStream(start: number) {
  let seq = start;
  return (atUs: number, payload: string): Packet => {
    const packet = { atUs, from: SWITCH, to: CLIENT, seq, payload };
    seq = (seq + payload.length) >>> 0;
    return packet;
  };
}

const command = (atUs: number, app: string): Packet => ({ atUs, from: CLIENT, to: SWITCH, seq: 1, payload: `sendmsg\ncall-command: execute\nexecute-app-name: ${app}\n\n` });

describe('wire timing from a capture', () => {
  it('times each prompt from the packet completing the playback completion to the next playback command', () => {
    const send = switchStream(0xffff_ff00); // wraps past 2^32 on the way
    const [head1, body1] = event('CHANNEL_EXECUTE_COMPLETE', 'playback', 5_000_000);
    const [head2, body2] = event('CHANNEL_EXECUTE', 'playback', 5_020_000);
    const [head3, body3] = event('CHANNEL_EXECUTE_COMPLETE', 'playback', 5_040_000);
    const packets = [
      send(1_000_000, head1),
      send(1_000_100, body1.slice(0, 20)),
      send(1_000_250, body1.slice(20)), // the completion is whole only now
      command(1_000_650, 'playback'), // 400 µs later
      send(1_020_000, head2 + body2),
    ];
    const completion = send(1_040_000, head3 + body3);
    packets.push(
      completion,
      { ...completion, atUs: 1_040_900 }, // a retransmission of bytes already seen: ignored
      command(1_041_000, 'set'), // not a prompt command
      command(1_041_200, 'playback'), // 1,200 µs after the completion
    );
    const timing = wireTiming(parsePcap(pcap(packets)), CLIENT, 'execute-app-name: playback', 'playback');
    expect(timing).toEqual({ wire: [400, 1200], switchSide: [20_000], connections: 1, broken: 0 });
  });

  it('refuses to time a connection whose capture lost bytes', () => {
    const send = switchStream(1000);
    const [head, body] = event('CHANNEL_EXECUTE_COMPLETE', 'playback', 1);
    const first = send(10, head);
    const lost = send(20, body.slice(0, 10));
    const after = send(30, body.slice(10));
    void lost;
    const timing = wireTiming(parsePcap(pcap([first, after, command(40, 'playback')])), CLIENT, 'execute-app-name: playback', 'playback');
    expect(timing).toEqual({ wire: [], switchSide: [], connections: 1, broken: 1 });
  });

  it('names what it cannot read', () => {
    expect(() => parsePcap(Buffer.alloc(10), 'x.pcap')).toThrow('x.pcap: not a pcap file (10 bytes)');
    const wrongLink = pcap([]);
    wrongLink.writeUInt32LE(101, 20);
    expect(() => parsePcap(wrongLink, 'raw.pcap')).toThrow('raw.pcap: link type 101 not supported');
  });
});
