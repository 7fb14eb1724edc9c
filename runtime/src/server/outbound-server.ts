import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { CallSession, type CallSummary, type SessionDependencies } from '../call/session.js';

/**
 * The TCP server FreeSWITCH's `socket <host:port> async full` connects to, one connection per call. Each
 * connection gets its own {@link CallSession}; a broken call never touches another.
 */
export class OutboundServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly sessions = new Map<Promise<CallSummary>, CallSession>();

  constructor(
    private readonly deps: SessionDependencies,
    private readonly onCallEnded: (summary: CallSummary) => void = () => undefined,
  ) {
    this.server = createServer({ noDelay: true }, (socket) => this.accept(socket));
    this.server.maxConnections = Number.POSITIVE_INFINITY;
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

  /** Calls being handled now. */
  get activeCalls(): number {
    return this.sessions.size;
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
    await closed;
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    const call = new CallSession(socket, this.deps);
    const session = call.run();
    this.sessions.set(session, call);
    void session.then((summary) => {
      this.sessions.delete(session);
      this.onCallEnded(summary);
    });
  }
}
