import type { Socket } from 'node:net';
import { handleApiCommand } from '../api/api-socket.js';
import type { Emulator } from '../emulator.js';
import { EventSubscription } from '../model/subscription.js';
import { CommandReader, type ClientCommand } from '../wire/command-reader.js';
import { authRequest, commandReply, disconnectNotice } from '../wire/frames.js';

/**
 * One inbound ESL connection (a client that connected to port 8021): `auth/request`, `auth`, `api`, `bgapi`,
 * `event plain|json`, `noevents`, `exit`. Commands are answered strictly in the order they arrive, so a
 * blocking `api originate` holds back the replies behind it, as on a real switch.
 */
export class InboundConnection {
  private readonly reader = new CommandReader();
  private readonly subscription = new EventSubscription();
  private authenticated = false;
  private closed = false;
  private pending: Promise<void> = Promise.resolve();
  private readonly stopListening: () => void;

  constructor(
    private readonly socket: Socket,
    private readonly emulator: Emulator,
    private readonly password: string,
  ) {
    socket.setNoDelay(true);
    this.stopListening = emulator.core.listen((event) => {
      if (this.authenticated && this.subscription.wants(event)) this.write(this.subscription.render(event));
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.markClosed());
    socket.on('error', () => this.markClosed());
    this.write(authRequest());
  }

  /** Closes the connection the way the switch does on shutdown. */
  close(): void {
    if (this.closed) return;
    this.write(disconnectNotice());
    this.markClosed();
    this.socket.end();
  }

  private onData(chunk: Buffer): void {
    const commands = this.reader.push(chunk);
    if (commands === undefined) {
      this.close();
      return;
    }
    for (const command of commands) this.pending = this.pending.then(() => this.handle(command));
  }

  private write(text: string): void {
    if (!this.closed && this.socket.writable) this.socket.write(text);
  }

  private markClosed(): void {
    this.closed = true;
    this.stopListening();
  }

  private async handle(command: ClientCommand): Promise<void> {
    if (this.closed) return;
    const [verb = '', ...rest] = command.line.split(' ');
    if (!this.authenticated) {
      if (verb === 'auth' && rest.join(' ') === this.password) {
        this.authenticated = true;
        this.write(commandReply('+OK accepted'));
      } else {
        this.write(commandReply('-ERR invalid'));
        this.write(disconnectNotice());
        this.markClosed();
        this.socket.end();
      }
      return;
    }
    switch (verb) {
      case 'api':
      case 'bgapi':
        await handleApiCommand(this.emulator, command, (text) => this.write(text), verb);
        return;
      case 'event':
        this.write(commandReply(this.subscription.subscribe(rest[0] === 'json' ? 'json' : 'plain', rest.slice(1))));
        return;
      case 'noevents':
        this.subscription.clear();
        this.write(commandReply('+OK no longer listening for events'));
        return;
      case 'exit':
        this.write(commandReply('+OK bye'));
        this.close();
        return;
      default:
        this.write(commandReply('-ERR command not found'));
    }
  }
}
