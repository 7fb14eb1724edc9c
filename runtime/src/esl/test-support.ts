import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A stand-in for the runtime's outbound socket server: hands each connection FreeSWITCH makes to the test. */
export async function acceptingServer(): Promise<{ port: number; next: () => Promise<Socket>; close: () => void }> {
  const waiting: Socket[] = [];
  const takers: Array<(socket: Socket) => void> = [];
  const server: Server = createServer((socket) => {
    const taker = takers.shift();
    if (taker) taker(socket);
    else waiting.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    next: () => {
      const socket = waiting.shift();
      return socket ? Promise.resolve(socket) : new Promise((resolve) => takers.push(resolve));
    },
    close: () => server.close(),
  };
}

/** The runtime's end of an outbound socket, in memory: records what is written, delivers what the test sends. */
export class MemorySocket extends EventEmitter {
  readonly written: string[] = [];
  setNoDelay(): this {
    return this;
  }
  cork(): void {}
  uncork(): void {}
  write(data: string | Buffer): boolean {
    this.written.push(data.toString());
    return true;
  }
  end(): this {
    queueMicrotask(() => this.emit('close'));
    return this;
  }
  destroy(): this {
    return this.end();
  }
  /** FreeSWITCH sends these events, in one chunk. */
  receive(...events: string[]): void {
    this.emit('data', Buffer.from(events.map((body) => `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`).join('')));
  }
  apps(): string[] {
    return this.written.map((text) => /execute-app-name: (.*)\n(?:execute-app-arg: (.*)\n)?/.exec(text)).filter((match) => match !== null).map((match) => `${match[1]} ${match[2] ?? ''}`.trim());
  }
  uuidOf(app: string): string {
    const text = this.written.find((candidate) => candidate.includes(`execute-app-name: ${app}\n`)) ?? '';
    return /Event-UUID: (.*)\n/.exec(text)?.[1] ?? '';
  }
}

