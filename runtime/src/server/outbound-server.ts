import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { CallSession, type CallSummary, type SessionDependencies } from '../call/session.js';
import { DEFAULT_OUTBOUND_LIMITS, type OutboundLimits } from '../config.js';
import { EslFrameParser, type EslParserLimits } from '../esl/index.js';

/** Quiet time after which a burst of refused connections is over (and summarised in the log). */
const REFUSAL_BURST_QUIET_MS = 10_000;

/**
 * The TCP server FreeSWITCH's `socket <host:port> async full` connects to, one connection per call. Each
 * connection gets its own {@link CallSession}; a broken call never touches another.
 *
 * A connection is a call only once the switch has answered `connect` with the channel's data (the handshake).
 * One that stays silent past `handshakeTimeoutMs` is closed without ever counting as a call; beyond
 * `maxConnections` open connections new ones are closed on arrival; a frame larger than `maxFrameBytes` closes
 * its connection. The switch sends none of these; a port scanner, a stuck peer or an attacker might.
 */
export class OutboundServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly sessions = new Map<Promise<CallSummary>, CallSession>();
  /** Connections whose handshake completed and whose session has not ended: the calls. */
  private calls = 0;
  private refusedInBurst = 0;
  private burstTimer: NodeJS.Timeout | undefined;
  private readonly limits: OutboundLimits;
  private readonly frameLimits: EslParserLimits;

  constructor(
    private readonly deps: SessionDependencies,
    private readonly onCallEnded: (summary: CallSummary) => void = () => undefined,
    limits: Partial<OutboundLimits> = {},
  ) {
    this.limits = { ...DEFAULT_OUTBOUND_LIMITS, ...limits };
    this.frameLimits = { maxHeaderBytes: this.limits.maxFrameBytes, maxBodyBytes: this.limits.maxFrameBytes };
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
    // Node closes connections beyond this at once and reports them as `drop`.
    this.server.maxConnections = this.limits.maxConnections;
    this.server.on('drop', (peer) => this.refused(peer?.remoteAddress));
  }

  /** Starts listening; resolves with the bound port (0 picks a free one). */
  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ port, host, backlog: 4096 }, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Also calls `listener` with every call's socket as it connects (tracing, benchmarks). */
  onConnection(listener: (socket: Socket) => void): void {
    this.server.on('connection', listener);
  }

  /** Calls being handled now: connections that completed the handshake and have not ended. */
  get activeCalls(): number {
    return this.calls;
  }

  /** Connections open now, calls or not. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /**
   * Stops accepting calls; calls in progress get `drainMs` to finish, then they are cut: recorded as
   * `shutdownDrained` and their sockets closed (with `socket_resume=true` FreeSWITCH carries on with the dialplan
   * after the socket app, i.e. the fallback).
   */
  async close(drainMs = 0): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (drainMs > 0 && this.sessions.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.sessions.keys()]), new Promise((resolve) => (timer = setTimeout(resolve, drainMs)))]);
      clearTimeout(timer);
    }
    for (const session of this.sessions.values()) session.cut(drainMs);
    for (const socket of this.sockets) socket.destroy();
    await Promise.allSettled([...this.sessions.keys()]);
    this.endBurst();
    await closed;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    let established = false;
    const handshake = this.watchHandshake(socket, () => {
      established = true;
      this.calls++;
    });
    socket.on('close', () => {
      handshake.stop();
      this.sockets.delete(socket);
    });
    const call = new CallSession(socket, {
      ...this.deps,
      outboundSession: {
        limits: this.frameLimits,
        protocolError: (error) => {
          this.deps.metrics.eslConnectionsClosed.inc({ reason: 'protocolError' });
          this.deps.logger.warn({ remote, code: error.code, limit: this.limits.maxFrameBytes }, `closing outbound ESL connection: ${error.message} (ESL_MAX_FRAME_BYTES)`);
        },
      },
    });
    const session = call.run();
    this.sessions.set(session, call);
    void session.then((summary) => {
      this.sessions.delete(session);
      if (established) this.calls--;
      this.onCallEnded(summary);
    });
  }

  /**
   * Waits for the switch's first frame (the `connect` reply with the channel data) and calls `established`;
   * closes the socket if it has not come within the handshake timeout. Reads only that first frame.
   */
  private watchHandshake(socket: Socket, established: () => void): { stop(): void } {
    const parser = new EslFrameParser(this.frameLimits);
    const onData = (chunk: Buffer): void => {
      for (const output of parser.push(chunk)) {
        if (output.kind === 'frame') {
          stop();
          established();
          return;
        }
        // A framing error: the session's own parser sees the same bytes, reports it and closes the socket.
        stop();
        return;
      }
    };
    const giveUp = (): void => {
      socket.off('data', onData);
      this.deps.metrics.eslConnectionsClosed.inc({ reason: 'handshakeTimeout' });
      this.deps.logger.debug({ remote: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}` }, 'outbound ESL connection sent no channel data in time; closing it');
      socket.destroy();
    };
    // Judged one turn later, after the sockets have been read: when the event loop was held up past the deadline
    // (a busy process), Node runs due timers before it reads what arrived meanwhile, and the switch's answer may be
    // waiting unread. A timer alone then closed calls the switch had answered in time (the dialplan's fallback).
    let judging: NodeJS.Immediate | undefined;
    const timer = setTimeout(() => (judging = setImmediate(giveUp)), this.limits.handshakeTimeoutMs);
    const stop = (): void => {
      clearTimeout(timer);
      clearImmediate(judging);
      socket.off('data', onData);
    };
    socket.on('data', onData);
    return { stop };
  }

  /** A connection closed on arrival (cap reached): counted every time, logged once per burst. */
  private refused(remoteAddress: string | undefined): void {
    this.deps.metrics.eslConnectionsRefused.inc();
    this.refusedInBurst++;
    if (this.refusedInBurst === 1) {
      this.deps.logger.warn(
        { remote: remoteAddress, open: this.sockets.size, cap: this.limits.maxConnections },
        'outbound ESL connections at the cap (ESL_MAX_CONNECTIONS): refusing new ones until some close',
      );
    }
    clearTimeout(this.burstTimer);
    this.burstTimer = setTimeout(() => this.endBurst(), REFUSAL_BURST_QUIET_MS);
    this.burstTimer.unref();
  }

  private endBurst(): void {
    clearTimeout(this.burstTimer);
    this.burstTimer = undefined;
    if (this.refusedInBurst === 0) return;
    this.deps.logger.warn({ refused: this.refusedInBurst, cap: this.limits.maxConnections }, `refused ${this.refusedInBurst} outbound ESL connections at the cap`);
    this.refusedInBurst = 0;
  }
}
