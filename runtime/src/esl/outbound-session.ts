import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { EslConnection, replyText, type DisconnectNotice, type ReplyWaiter } from './connection.js';
import { ChannelGoneError, EslCommandRejectedError, EslConnectionClosedError } from './errors.js';
import { eventHeader, eventVariables, type EslEvent } from './event.js';
import type { EslFrame, EslHeader } from './frame.js';
import { serializeCommand, type EslCommand } from './commands.js';
import type { EslParseError, EslParserLimits } from './parser.js';

/** The channel as the `connect` reply describes it. */
export interface ChannelData {
  readonly uniqueId: string;
  readonly headers: readonly EslHeader[];
  /** `variable_*` headers without the prefix. */
  readonly variables: Readonly<Record<string, string>>;
}

/** What CHANNEL_EXECUTE_COMPLETE reported for one app. */
export interface ExecuteResult {
  readonly application: string;
  /** `Application-Response` (`_none_`, `FILE PLAYED`, `PLAYBACK ERROR`, ...). */
  readonly response: string;
  /** `variable_*` headers after the app ran (e.g. `read_result`, `originate_disposition`). */
  readonly variables: Readonly<Record<string, string>>;
  /** Whether the channel had hung up when the app completed (`Answer-State: hangup`). */
  readonly channelHungUp: boolean;
  readonly event: EslEvent;
}

/** How an {@link OutboundSession} treats its peer. */
export interface OutboundSessionOptions {
  /** Frame size limits (default: the parser's); a larger frame closes the socket. */
  readonly limits?: Partial<EslParserLimits>;
  /** Told about a framing error (oversize frame…) just before the socket is closed, or an undecodable event. */
  readonly protocolError?: (error: EslParseError | { code: string; message: string }) => void;
}

/**
 * One app sent with `execute`: settled by its CHANNEL_EXECUTE_COMPLETE, or rejected when the command's reply is
 * `-ERR` or the channel goes. One object per app, which is also what waits for the command's reply.
 */
class PendingExecute implements ReplyWaiter {
  /** CHANNEL_EXECUTE for it arrived: the switch found the application and started it. */
  started = false;
  /** Apps to start the moment this one completes as expected ({@link OutboundSession.followWith}). */
  followUp: PreparedFollowUp | undefined = undefined;
  resolve!: (result: ExecuteResult) => void;
  reject!: (error: Error) => void;
  readonly completion: Promise<ExecuteResult>;

  constructor(
    private readonly session: OutboundSession,
    readonly app: string,
    readonly eventUuid: string,
  ) {
    // The completion itself is what execute returns (no async wrapper awaiting the reply first): the caller's
    // continuation runs one microtask after the CHANNEL_EXECUTE_COMPLETE. A refused command rejects it instead.
    this.completion = new Promise<ExecuteResult>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.completion.catch(ignore);
  }

  // A refusal is judged a microtask later, as when the reply was awaited: after the rest of the chunk (a
  // CHANNEL_HANGUP beside the -ERR) and the socket's close handler have been seen.
  reply(frame: EslFrame): void {
    const text = replyText(frame);
    if (!text.startsWith('-ERR')) return;
    queueMicrotask(() => this.refuse(this.session.isChannelGone ? new ChannelGoneError(`cannot execute ${this.app}: channel is gone`, this.session.hangupCause) : new EslCommandRejectedError(text, `execute ${this.app}`)));
  }

  fail(error: Error): void {
    queueMicrotask(() => this.refuse(error instanceof EslConnectionClosedError ? new ChannelGoneError(`cannot execute ${this.app}: socket closed`, this.session.hangupCause) : error));
  }

  private refuse(error: Error): void {
    if (this.session.forget(this)) this.reject(error);
  }
}

function ignore(): void {}

/**
 * An {@link ExecuteResult} read from its CHANNEL_EXECUTE_COMPLETE on demand: a prompt's completion is judged by
 * one or two of its headers, and whatever else is read (the variables) is read after the next prompt went out.
 */
class CompletedApp implements ExecuteResult {
  private applicationValue: string | undefined;
  private responseValue: string | undefined;
  private hungUpValue: boolean | undefined;
  private variablesValue: Readonly<Record<string, string>> | undefined;

  constructor(
    readonly event: EslEvent,
    private readonly sentApp: string,
  ) {}

  get application(): string {
    return (this.applicationValue ??= eventHeader(this.event, 'Application') ?? this.sentApp);
  }

  get response(): string {
    return (this.responseValue ??= eventHeader(this.event, 'Application-Response') ?? '_none_');
  }

  get channelHungUp(): boolean {
    return (this.hungUpValue ??= eventHeader(this.event, 'Answer-State') === 'hangup');
  }

  get variables(): Readonly<Record<string, string>> {
    return (this.variablesValue ??= eventVariables(this.event));
  }

  toJSON(): ExecuteResult {
    return { application: this.application, response: this.response, variables: this.variables, channelHungUp: this.channelHungUp, event: this.event };
  }
}

/** The `execute` command for `app`: event-locked unless `eventLock` is false, as the recorded sessions send it. */
function executeCommand(app: string, arg: string | undefined, eventLock: boolean | undefined, eventUuid: string): EslCommand {
  if (eventLock === false) return { kind: 'execute', app, eventUuid, ...(arg === undefined ? {} : { arg }), eventLock: false };
  return arg === undefined ? { kind: 'execute', app, eventUuid } : { kind: 'execute', app, eventUuid, arg };
}

/** One app of a {@link FollowUp}. */
export interface FollowUpApp {
  readonly app: string;
  readonly arg?: string;
  readonly eventLock?: boolean;
}

/**
 * Apps written the moment another app completes as expected — once the socket chunk that brought the completion
 * has been seen (a key pressed or a hangup in it comes first), before anything waiting on the completion runs.
 * How the next prompt of a call goes out without the interpreter on the way.
 */
export interface FollowUp {
  readonly apps: readonly FollowUpApp[];
  /** Whether this completion is the one the follow-up was prepared for (say, the prompt played to its end). */
  readonly when: (result: ExecuteResult) => boolean;
  /** The apps were written: their completions, in order. Called before the completion itself is resolved. */
  readonly sent: (completions: readonly Promise<ExecuteResult>[]) => void;
}

/** A follow-up with its wire bytes and the objects that will await its apps, made ready when it is set. */
interface PreparedFollowUp {
  readonly followUp: FollowUp;
  /** The apps' commands as they go on the wire, encoded beforehand. */
  readonly bytes: Buffer;
  readonly pendings: readonly PendingExecute[];
}

/**
 * The runtime's side of one FreeSWITCH outbound socket (`socket ... async full`): `connect`, `myevents`,
 * `linger`, and `execute(app, arg)` that resolves on the CHANNEL_EXECUTE_COMPLETE whose `Application-UUID`
 * is the Event-UUID it sent. Once the channel has hung up it refuses new apps without writing; apps still
 * pending are rejected with {@link ChannelGoneError} when the channel's last event (or the socket) is gone.
 */
export class OutboundSession {
  private readonly connection: EslConnection;
  private readonly executions = new Map<string, PendingExecute>();
  /** Apps still pending, by the completion {@link execute} returned for them. */
  private readonly byCompletion = new WeakMap<Promise<ExecuteResult>, PendingExecute>();
  /** A follow-up whose app completed as expected in the chunk being handled: written when the chunk is done. */
  private followUpDue: { readonly after: PendingExecute; readonly prepared: PreparedFollowUp } | null = null;
  private readonly eventListeners = new Set<(event: EslEvent) => void>();
  private hangupCauseValue: string | undefined;
  private channelGone = false;
  private closedByUs = false;
  private lostValue = false;
  private refusedApplicationValue: string | undefined;
  private resolveEnded: () => void = () => undefined;
  /** Resolves when the socket has closed. */
  readonly ended: Promise<void> = new Promise((resolve) => (this.resolveEnded = resolve));

  constructor(socket: Socket, options: OutboundSessionOptions = {}) {
    const protocolError = options.protocolError;
    this.connection = new EslConnection(
      socket,
      {
        event: (event, lastInChunk) => this.handleEvent(event, lastInChunk),
        ...(protocolError ? { protocolError } : {}),
        disconnectNotice: (notice) => this.onNotice(notice),
        chunkDone: () => this.writeFollowUpDue(),
        closed: () => {
          // Neither a hangup nor a disconnect notice came first, and we did not close it: the switch went away.
          this.lostValue = !this.channelGone && !this.closedByUs;
          this.markChannelGone();
          this.rejectPending(() => new ChannelGoneError('outbound socket closed', this.hangupCauseValue));
          this.resolveEnded();
        },
      },
      options.limits,
    );
  }

  /**
   * True when the socket closed without the channel hanging up or the switch saying it disconnects, and not by
   * {@link exit} or {@link close}: the connection to the switch was lost (switch restart, network).
   */
  get lost(): boolean {
    return this.lostValue;
  }

  /**
   * The application the switch could not run: FreeSWITCH 1.10.12 answers `sendmsg execute` of an application
   * whose module is not loaded with `+OK`, logs `Invalid Application <app>`, fires no CHANNEL_EXECUTE and hangs
   * the channel up with DESTINATION_OUT_OF_ORDER (switch_core_session.c). Set when the channel hangs up with that
   * cause while an app we sent had not started.
   */
  get refusedApplication(): string | undefined {
    return this.refusedApplicationValue;
  }

  /** Writes the commands sent in this tick now (see {@link EslConnection.flush}). */
  flush(): void {
    this.connection.flush();
  }

  /** Closes the socket from our side (shutdown) without waiting for the switch. */
  close(): void {
    this.closedByUs = true;
    this.connection.close();
  }

  /** `Hangup-Cause` once the channel has hung up. */
  get hangupCause(): string | undefined {
    return this.hangupCauseValue;
  }

  /** True once the channel hung up (or the socket went away): `execute` will refuse. */
  get isChannelGone(): boolean {
    return this.channelGone || this.connection.isClosed;
  }

  /** Listens to every event on this socket; returns the function that stops listening. */
  onEvent(listener: (event: EslEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Sends `connect` and returns the channel it controls. */
  async connect(): Promise<ChannelData> {
    const frame = await this.connection.send({ kind: 'connect' });
    const headers = frame.headers;
    const variables: Record<string, string> = {};
    for (const header of headers) if (header.name.startsWith('variable_')) variables[header.name.slice(9)] = header.value;
    return { uniqueId: headers.find((h) => h.name === 'Unique-ID')?.value ?? '', headers, variables };
  }

  /** Subscribes to every event of this channel. */
  async myevents(): Promise<void> {
    await this.expectOk({ kind: 'myevents' }, 'myevents');
  }

  /** Keeps the socket open after hangup so the final events arrive (`seconds` omitted: until `exit`). */
  async linger(seconds?: number): Promise<void> {
    await this.expectOk(seconds === undefined ? { kind: 'linger' } : { kind: 'linger', seconds }, 'linger');
  }

  /**
   * Runs `app` with `arg` (event-lock, so apps run in order) and resolves with its completion. Rejects with
   * {@link ChannelGoneError}, without writing anything, when the channel has already hung up.
   */
  execute(app: string, arg?: string, options: { eventLock?: boolean } = {}): Promise<ExecuteResult> {
    if (this.isChannelGone) return Promise.reject(new ChannelGoneError(`cannot execute ${app}: channel is gone`, this.hangupCauseValue));
    const eventUuid = randomUUID();
    const pending = new PendingExecute(this, app, eventUuid);
    this.executions.set(eventUuid, pending);
    this.byCompletion.set(pending.completion, pending);
    this.connection.sendTo(
      executeCommand(app, arg, options.eventLock, eventUuid),
      pending,
    );
    return pending.completion;
  }

  /**
   * Has `followUp` written when the app `execute` answered with `completion` completes and `followUp.when` says
   * it completed as expected, unless the channel is gone by then; `null` withdraws it. False when that app is no
   * longer pending (the follow-up will never be written).
   */
  followWith(completion: Promise<ExecuteResult>, followUp: FollowUp | null): boolean {
    const pending = this.byCompletion.get(completion);
    if (pending === undefined) return false;
    if (followUp === null) {
      pending.followUp = undefined;
      return true;
    }
    if (this.executions.get(pending.eventUuid) !== pending) return false;
    // Everything the write needs is made now, while the app runs: the write itself is one socket call.
    let text = '';
    const pendings = followUp.apps.map((app) => {
      const eventUuid = randomUUID();
      text += serializeCommand(executeCommand(app.app, app.arg, app.eventLock, eventUuid));
      const prepared = new PendingExecute(this, app.app, eventUuid);
      // Known by its completion already (followWith on it answers false until it is written and pending).
      this.byCompletion.set(prepared.completion, prepared);
      return prepared;
    });
    pending.followUp = { followUp, bytes: Buffer.from(text, 'utf8'), pendings };
    return true;
  }

  /** Drops `pending` from the apps awaiting completion; false when it was no longer there. */
  forget(pending: PendingExecute): boolean {
    if (this.executions.get(pending.eventUuid) !== pending) return false;
    this.executions.delete(pending.eventUuid);
    return true;
  }

  /**
   * Runs an api command on this socket (outbound sockets in `full` mode may) and resolves with its output.
   * Rejects with {@link ChannelGoneError}, without writing, once the channel has hung up.
   */
  async api(command: string): Promise<string> {
    if (this.isChannelGone) throw new ChannelGoneError(`cannot run api ${command.split(' ')[0] ?? ''}: channel is gone`, this.hangupCauseValue);
    try {
      return (await this.connection.send({ kind: 'api', command })).body.toString('utf8');
    } catch (error) {
      if (error instanceof EslConnectionClosedError) throw new ChannelGoneError('cannot run api: socket closed', this.hangupCauseValue);
      throw error;
    }
  }

  /** Also receive these events (e.g. `CUSTOM callcenter::info`, which carries the member's Unique-ID). */
  async subscribe(events: readonly string[]): Promise<void> {
    await this.expectOk({ kind: 'event', format: 'plain', events }, 'event');
  }

  /** Sends `exit` (allowed while lingering) and waits for the socket to close. */
  async exit(): Promise<void> {
    this.closedByUs = true;
    if (!this.connection.isClosed) {
      await this.connection.send({ kind: 'exit' }).catch(() => undefined);
    }
    this.connection.close();
    await this.ended;
  }

  private async expectOk(command: Parameters<EslConnection['send']>[0], name: string): Promise<void> {
    const reply = await this.connection.send(command);
    if (!replyText(reply).startsWith('+OK')) throw new EslCommandRejectedError(replyText(reply), name);
  }

  private handleEvent(event: EslEvent, lastInChunk: boolean): void {
    if (event.name === 'CHANNEL_HANGUP') {
      this.hangupCauseValue = eventHeader(event, 'Hangup-Cause');
      this.channelGone = true;
      if (this.hangupCauseValue === 'DESTINATION_OUT_OF_ORDER') {
        // Apps run in order: the first one not started is the one the switch tried and refused.
        for (const pending of this.executions.values()) {
          if (pending.started) continue;
          this.refusedApplicationValue = pending.app;
          break;
        }
      }
    }
    if (event.name === 'CHANNEL_EXECUTE') {
      const pending = this.executions.get(eventHeader(event, 'Application-UUID') ?? '');
      if (pending) pending.started = true;
    }
    if (event.name === 'CHANNEL_EXECUTE_COMPLETE') {
      const uuid = eventHeader(event, 'Application-UUID') ?? '';
      const pending = this.executions.get(uuid);
      if (pending) {
        this.executions.delete(uuid);
        const result = new CompletedApp(event, pending.app);
        const prepared = pending.followUp;
        // Written once the rest of this chunk has been seen (a key pressed or a hangup right after the completion
        // withdraws it, as the flow would then not go on as foreseen) — at once when nothing follows in it —
        // and always before the completion's own continuation.
        if (prepared !== undefined && !this.isChannelGone && prepared.followUp.when(result)) {
          if (lastInChunk) this.writeFollowUp(pending, prepared);
          else this.followUpDue = { after: pending, prepared };
        }
        pending.resolve(result);
      }
    }
    if (this.eventListeners.size > 0) for (const listener of [...this.eventListeners]) listener(event);
    if (event.name === 'CHANNEL_HANGUP_COMPLETE') {
      // Apps queued behind the one that was running never start on a hung-up channel.
      this.rejectPending(() => new ChannelGoneError('channel hung up before the app ran', this.hangupCauseValue));
    }
  }

  private writeFollowUpDue(): void {
    const due = this.followUpDue;
    if (due === null) return;
    this.followUpDue = null;
    this.writeFollowUp(due.after, due.prepared);
  }

  /** Writes the follow-up `after` has, unless it was withdrawn (or replaced) or the channel has gone since. */
  private writeFollowUp(after: PendingExecute, prepared: PreparedFollowUp): void {
    if (after.followUp !== prepared || this.isChannelGone) return;
    after.followUp = undefined;
    for (const pending of prepared.pendings) this.executions.set(pending.eventUuid, pending);
    this.connection.sendSerialized(prepared.bytes, prepared.pendings);
    prepared.followUp.sent(prepared.pendings.map((pending) => pending.completion));
  }


  private onNotice(notice: DisconnectNotice): void {
    this.markChannelGone();
    if (notice.disposition !== 'linger') this.rejectPending(() => new ChannelGoneError('switch disconnected the socket', this.hangupCauseValue));
  }

  private markChannelGone(): void {
    this.channelGone = true;
  }

  private rejectPending(error: Error | (() => Error)): void {
    if (this.executions.size === 0) return;
    const reason = typeof error === 'function' ? error() : error;
    for (const pending of this.executions.values()) pending.reject(reason);
    this.executions.clear();
  }
}
