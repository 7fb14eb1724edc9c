import type { Socket } from 'node:net';
import { serializeCommand, type EslCommand } from './commands.js';
import { EslConnectionClosedError } from './errors.js';
import { decodeEvent, decodePlainEvent, type EslEvent, type EslEventDecodeResult } from './event.js';
import { contentType, frameHeader, type EslFrame } from './frame.js';
import { EslFrameParser, type EslParseError, type EslParserLimits } from './parser.js';
import { wholeEventFrameBody } from './single-frame.js';

/** A `text/disconnect-notice`: `linger` (channel gone, socket kept) or `disconnect` (socket closing). */
export interface DisconnectNotice {
  readonly disposition: 'linger' | 'disconnect' | undefined;
  readonly controlledSessionUuid: string | undefined;
}

/** Callbacks an {@link EslConnection} reports to. All optional. */
export interface EslConnectionHandlers {
  /** An event; `lastInChunk` when no other frame of the same socket chunk follows it. */
  event?(event: EslEvent, lastInChunk: boolean): void;
  disconnectNotice?(notice: DisconnectNotice): void;
  /** Framing or event-decoding problem; for framing errors the connection is then closed. */
  protocolError?(error: EslParseError | { code: string; message: string }): void;
  /** The socket closed, for whatever reason. */
  closed?(): void;
  /** Every frame of one socket chunk has been handled (events that arrived together have all been seen). */
  chunkDone?(): void;
}

/** Who waits for a command's reply: told once, with the reply frame or with why none will come. */
export interface ReplyWaiter {
  reply(frame: EslFrame): void;
  fail(error: Error): void;
}

/** A promise's settle functions as a {@link ReplyWaiter}. */
class PromiseWaiter implements ReplyWaiter {
  constructor(
    readonly reply: (frame: EslFrame) => void,
    readonly fail: (error: Error) => void,
  ) {}
}

/**
 * One ESL socket with the framing parser in front: replies (`command/reply`, `api/response`) are matched to
 * commands in order, events and disconnect notices go to handlers. It never throws from the socket's data
 * handler, and refuses to write once the socket is closed or the switch sent its final disconnect notice.
 */
export class EslConnection {
  private readonly parser: EslFrameParser;
  private readonly pending: ReplyWaiter[] = [];
  private ended = false;
  private goodbyeReceived = false;
  private corked = false;
  private markAuthRequested: () => void = () => undefined;
  /** Resolves when the switch greets an inbound client with `auth/request`. */
  readonly authRequested: Promise<void> = new Promise((resolve) => (this.markAuthRequested = resolve));

  constructor(
    private readonly socket: Socket,
    private readonly handlers: EslConnectionHandlers = {},
    /** Largest header block and body the peer may send; beyond them the connection is closed (protocolError). */
    limits: Partial<EslParserLimits> = {},
  ) {
    this.parser = new EslFrameParser(limits);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => this.onClose());
    socket.on('error', () => this.onClose());
  }

  /** True once nothing more may be written: closed, or the final `disconnect` notice arrived. */
  get isClosed(): boolean {
    return this.ended || this.goodbyeReceived;
  }

  /** Sends a command and resolves with its reply frame. Rejects, without writing, if the connection is closed. */
  send(command: EslCommand): Promise<EslFrame> {
    if (this.isClosed) return Promise.reject(new EslConnectionClosedError(`cannot send ${command.kind}: connection closed`));
    const text = serializeCommand(command);
    return new Promise<EslFrame>((resolve, reject) => this.write(text, new PromiseWaiter(resolve, reject)));
  }

  /**
   * Sends a command and tells `waiter` about its reply, without a promise: for callers that send a command per
   * prompt and only look at the reply when it is an error. `waiter.fail` is called (synchronously, without
   * writing) if the connection is closed.
   */
  sendTo(command: EslCommand, waiter: ReplyWaiter): void {
    if (this.isClosed) {
      waiter.fail(new EslConnectionClosedError(`cannot send ${command.kind}: connection closed`));
      return;
    }
    this.write(serializeCommand(command), waiter);
  }

  /**
   * Writes commands serialised and encoded beforehand (`bytes`, in the order of `waiters`, one per command) at
   * once, in one segment. The caller has checked {@link isClosed}.
   */
  sendSerialized(bytes: Buffer, waiters: readonly ReplyWaiter[]): void {
    for (const waiter of waiters) this.pending.push(waiter);
    this.socket.write(bytes);
  }

  private write(text: string, waiter: ReplyWaiter): void {
    this.pending.push(waiter);
    // Commands sent in the same tick (a `set` and its prompt) leave in one segment: one syscall, not several.
    // They go at the end of the tick, or at once on flush().
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.flushLater);
    }
    this.socket.write(text);
  }

  private readonly flushLater = (): void => this.flush();

  /**
   * Writes the commands sent so far in this tick now rather than at its end: a caller that has sent all it means
   * to send (an effect's commands) gets them on the wire before it goes on with its own bookkeeping.
   */
  flush(): void {
    if (!this.corked) return;
    this.corked = false;
    this.socket.uncork();
  }

  /** Half-closes the socket (FIN) and stops accepting commands. */
  close(): void {
    this.socket.end();
    this.onClose();
  }

  /** Destroys the socket immediately. */
  destroy(): void {
    this.socket.destroy();
    this.onClose();
  }

  private onData(chunk: Buffer): void {
    // The usual chunk: one event, as FreeSWITCH frames it. Same frame as the parser would make, fewer steps.
    const eventBody = this.parser.idle ? wholeEventFrameBody(chunk, this.parser.maxBodyBytes) : undefined;
    if (eventBody !== undefined) {
      this.parser.skip(chunk.length);
      this.deliverEvent(decodePlainEvent(eventBody), true);
    } else {
      const outputs = this.parser.push(chunk);
      for (let index = 0; index < outputs.length; index++) {
        const output = outputs[index] as (typeof outputs)[number];
        if (output.kind === 'error') {
          this.handlers.protocolError?.(output.error);
          this.destroy();
          return;
        }
        this.dispatch(output.frame, index === outputs.length - 1);
      }
    }
    this.handlers.chunkDone?.();
  }

  private dispatch(frame: EslFrame, lastInChunk: boolean): void {
    const type = contentType(frame);
    if (type === 'command/reply' || type === 'api/response') {
      this.pending.shift()?.reply(frame);
      return;
    }
    if (type === 'text/event-plain' || type === 'text/event-json') {
      this.deliverEvent(decodeEvent(frame), lastInChunk);
      return;
    }
    if (type === 'text/disconnect-notice') {
      const disposition = frameHeader(frame, 'Content-Disposition');
      const notice: DisconnectNotice = {
        disposition: disposition === 'linger' || disposition === 'disconnect' ? disposition : undefined,
        controlledSessionUuid: frameHeader(frame, 'Controlled-Session-UUID'),
      };
      if (notice.disposition !== 'linger') this.goodbyeReceived = true;
      this.handlers.disconnectNotice?.(notice);
      return;
    }
    if (type === 'auth/request') this.markAuthRequested();
  }

  private deliverEvent(decoded: EslEventDecodeResult, lastInChunk: boolean): void {
    if (decoded.ok) this.handlers.event?.(decoded.event, lastInChunk);
    else this.handlers.protocolError?.(decoded.error);
  }

  private onClose(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.pending.length > 0) {
      const error = new EslConnectionClosedError('connection closed before the reply arrived');
      for (const waiter of this.pending.splice(0)) waiter.fail(error);
    }
    this.handlers.closed?.();
  }
}

/** `Reply-Text` of a reply frame (URL-decoded). */
export function replyText(frame: EslFrame): string {
  return frameHeader(frame, 'Reply-Text') ?? '';
}
