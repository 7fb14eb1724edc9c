import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import type { SimulatedCall } from './call.js';
import { CommandReader, type ClientCommand } from './wire/command-reader.js';

/**
 * Test helpers shared by the emulator's own tests: a raw ESL peer that writes commands and reads frames
 * (header block + Content-Length body, which is all `CommandReader` needs to know).
 */
export class RawEslPeer {
  readonly frames: ClientCommand[] = [];
  closed = false;
  private readonly reader = new CommandReader();

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.frames.push(...(this.reader.push(chunk) ?? [])));
    socket.on('close', () => (this.closed = true));
  }

  static async connectTo(port: number): Promise<RawEslPeer> {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    return new RawEslPeer(socket);
  }

  send(text: string): void {
    this.socket.write(text);
  }

  /** Waits (up to 2 s) until `count` frames have arrived. */
  async waitForFrames(count: number): Promise<ClientCommand[]> {
    const deadline = Date.now() + 2000;
    while (this.frames.length < count && !this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    return this.frames;
  }

  async waitForClose(): Promise<void> {
    const deadline = Date.now() + 2000;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  }
}

/** A listener standing in for the runtime's outbound socket server. */
export async function outboundListener(): Promise<{ port: number; accept: () => Promise<RawEslPeer>; close: () => void }> {
  const pending: Socket[] = [];
  const server = createServer((socket) => pending.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    accept: async () => {
      while (pending.length === 0) await new Promise((r) => setTimeout(r, 2));
      return new RawEslPeer(pending.shift() as Socket);
    },
    close: () => server.close(),
  };
}

/** `sendmsg execute` exactly as the recorded clients send it. */
export function executeCommand(app: string, arg: string, eventUuid: string): string {
  return `sendmsg\ncall-command: execute\nexecute-app-name: ${app}\n${arg ? `execute-app-arg: ${arg}\n` : ''}event-lock: true\nEvent-UUID: ${eventUuid}\n\n`;
}

/** Names of the B leg's events in a call's log, in order. */
export function bLegEventNames(call: SimulatedCall): string[] {
  return call.log.flatMap((entry) => (entry.kind === 'event' && entry.leg === 'b' ? [entry.event.name] : []));
}

/** Value of a header of the last B-leg event called `name` (optionally for `Application: app`). */
export function lastEventHeader(call: SimulatedCall, name: string, header: string, app?: string): string | undefined {
  for (let i = call.log.length - 1; i >= 0; i--) {
    const entry = call.log[i];
    if (entry?.kind !== 'event' || entry.leg !== 'b' || entry.event.name !== name) continue;
    if (app && !entry.event.headers.some(([n, v]) => n === 'Application' && v === app)) continue;
    return entry.event.headers.find(([n]) => n === header)?.[1];
  }
  return undefined;
}
