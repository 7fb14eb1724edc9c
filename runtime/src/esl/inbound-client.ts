import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { EslConnection, replyText } from './connection.js';
import { EslCommandRejectedError, EslConnectionClosedError, EslNotConnectedError } from './errors.js';
import { eventHeader, type EslEvent } from './event.js';

/** Settings for {@link InboundClient}. */
export interface InboundClientOptions {
  readonly host: string;
  readonly port: number;
  readonly password: string;
  /** Events to subscribe to after every (re)connect. BACKGROUND_JOB is always added (bgapi needs it). */
  readonly events?: readonly string[];
  readonly eventFormat?: 'plain' | 'json';
  readonly backoff?: Partial<BackoffOptions>;
  /** Give up on one connection attempt after this long. Default 5,000 ms. */
  readonly connectTimeoutMs?: number;
  /** Injected for tests. */
  readonly random?: () => number;
}

/** Connection state, for health checks and metrics. */
export interface InboundHealth {
  readonly state: 'connecting' | 'ready' | 'backing-off' | 'stopped';
  /** Successful connections so far (the first one included). */
  readonly connections: number;
  /** Failed attempts since the last successful connection. */
  readonly consecutiveFailures: number;
  readonly lastError: string | undefined;
}

interface PendingJob {
  readonly resolve: (body: string) => void;
  readonly reject: (error: Error) => void;
}

/**
 * An authenticated inbound ESL connection that keeps itself up: it reconnects with exponential backoff and
 * jitter, re-subscribes to its events, and offers `api`, `bgapi` (resolved by the BACKGROUND_JOB carrying the
 * Job-UUID it chose) and event listeners.
 */
export class InboundClient {
  private readonly options: InboundClientOptions;
  private readonly backoff: BackoffOptions;
  private readonly listeners = new Set<(event: EslEvent) => void>();
  private readonly readyListeners = new Set<() => void>();
  private readonly jobs = new Map<string, PendingJob>();
  private connection: EslConnection | undefined;
  private socket: Socket | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private healthState: InboundHealth = { state: 'connecting', connections: 0, consecutiveFailures: 0, lastError: undefined };
  private readyWaiters: Array<() => void> = [];

  constructor(options: InboundClientOptions) {
    this.options = options;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  /** Starts connecting (and keeps reconnecting until {@link stop}); resolves once first ready. */
  start(): Promise<void> {
    this.stopped = false;
    void this.attempt();
    return this.ready();
  }

  /** Resolves when the client is connected and authenticated. */
  ready(): Promise<void> {
    if (this.healthState.state === 'ready') return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  get health(): InboundHealth {
    return this.healthState;
  }

  /** Listens to subscribed events; returns the function that stops listening. */
  onEvent(listener: (event: EslEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` after every successful (re)connection, once authenticated and subscribed: the moment to
   * re-learn anything about the switch, which may have restarted with another configuration. Returns the
   * function that stops listening.
   */
  onReady(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  /** Runs a blocking `api` command and returns its output. */
  async api(command: string): Promise<string> {
    const frame = await this.requireConnection().send({ kind: 'api', command });
    return frame.body.toString('utf8');
  }

  /** Runs `bgapi` and resolves with the BACKGROUND_JOB body for the Job-UUID it chose. */
  async bgapi(command: string, jobUuid: string = randomUUID()): Promise<string> {
    const connection = this.requireConnection();
    const result = new Promise<string>((resolve, reject) => this.jobs.set(jobUuid, { resolve, reject }));
    result.catch(() => undefined);
    const reply = await connection.send({ kind: 'bgapi', command, jobUuid }).catch((error: unknown) => {
      this.jobs.delete(jobUuid);
      throw error;
    });
    if (!replyText(reply).startsWith('+OK')) {
      this.jobs.delete(jobUuid);
      throw new EslCommandRejectedError(replyText(reply), `bgapi ${command}`);
    }
    return result;
  }

  /** Closes the connection and stops reconnecting. Pending calls are rejected. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.setHealth({ state: 'stopped' });
    const connection = this.connection;
    if (connection && !connection.isClosed) await connection.send({ kind: 'exit' }).catch(() => undefined);
    this.socket?.destroy();
    this.failJobs(new EslConnectionClosedError('client stopped'));
  }

  private requireConnection(): EslConnection {
    if (this.healthState.state !== 'ready' || !this.connection || this.connection.isClosed) {
      throw new EslNotConnectedError(`not connected to FreeSWITCH (${this.healthState.state})`);
    }
    return this.connection;
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    this.setHealth({ state: 'connecting' });
    const socket = connect(this.options.port, this.options.host);
    this.socket = socket;
    const connection = new EslConnection(socket, {
      event: (event) => this.dispatch(event),
      closed: () => this.onClosed(connection),
    });
    this.connection = connection;
    const timeout = setTimeout(() => socket.destroy(new Error('connect timeout')), this.options.connectTimeoutMs ?? 5000);
    try {
      await Promise.race([connection.authRequested, once(socket, 'close')]);
      const auth = await connection.send({ kind: 'auth', password: this.options.password });
      if (!replyText(auth).startsWith('+OK')) throw new EslCommandRejectedError(replyText(auth), 'auth');
      const events = [...new Set(['BACKGROUND_JOB', ...(this.options.events ?? [])])];
      await connection.send({ kind: 'event', format: this.options.eventFormat ?? 'plain', events });
      clearTimeout(timeout);
      this.setHealth({ state: 'ready', connections: this.healthState.connections + 1, consecutiveFailures: 0, lastError: undefined });
      for (const wake of this.readyWaiters.splice(0)) wake();
      for (const listener of [...this.readyListeners]) listener();
    } catch (error) {
      clearTimeout(timeout);
      this.setHealth({ lastError: error instanceof Error ? error.message : String(error) });
      socket.destroy();
    }
  }

  private onClosed(connection: EslConnection): void {
    if (connection !== this.connection) return;
    this.failJobs(new EslConnectionClosedError('connection to FreeSWITCH lost'));
    if (this.stopped) return;
    const failures = this.healthState.state === 'ready' ? 0 : this.healthState.consecutiveFailures + 1;
    const delay = backoffDelay(failures, this.backoff, this.options.random);
    this.setHealth({ state: 'backing-off', consecutiveFailures: failures, lastError: this.healthState.lastError ?? 'connection closed' });
    this.retryTimer = setTimeout(() => void this.attempt(), delay);
  }

  private dispatch(event: EslEvent): void {
    if (event.name === 'BACKGROUND_JOB') {
      const jobUuid = eventHeader(event, 'Job-UUID') ?? '';
      const job = this.jobs.get(jobUuid);
      if (job) {
        this.jobs.delete(jobUuid);
        job.resolve(event.body ?? '');
      }
    }
    for (const listener of [...this.listeners]) listener(event);
  }

  private failJobs(error: Error): void {
    for (const job of this.jobs.values()) job.reject(error);
    this.jobs.clear();
  }

  private setHealth(change: Partial<InboundHealth>): void {
    this.healthState = { ...this.healthState, ...change };
  }
}

function once(socket: Socket, event: 'close'): Promise<never> {
  return new Promise((_, reject) => socket.once(event, () => reject(new Error('connection closed during handshake'))));
}
