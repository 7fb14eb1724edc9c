import { ChannelGoneError, type ExecuteResult, type FollowUpApp, type OutboundSession } from '../esl/index.js';
import type { SwitchCommand } from '../freeswitch/commands.js';

/** Observes every command written to a channel (tests, tracing). */
export type CommandObserver = (channelUuid: string, command: SwitchCommand) => void;

/**
 * The call's channel as effect executors see it: sends the mapped commands over the outbound socket in order,
 * skips `set`/`unset` of values this call already gave the channel, tracks apps still running, and refuses
 * (without writing) once the caller is gone.
 */
export class CallChannel {
  /** Channel variables this call set (null: unset) — repeating them would only cost round trips. */
  private readonly known = new Map<string, string | null>();
  private readonly running = new Set<Promise<unknown>>();
  private gone = false;
  /** Commands not sent because the channel was gone. */
  refused = 0;
  /** Commands written ahead that the flow then did not ask for (see {@link prepareAfter}): a defect if ever > 0. */
  mispredicted = 0;
  /** The completion of the last app written. */
  private lastExecution: Promise<ExecuteResult> | null = null;
  /** Commands prepared to go out when an app completes, then written ahead of the flow asking for them. */
  private prepared: PreparedCommands | null = null;

  constructor(
    readonly uuid: string,
    private readonly outbound: OutboundSession,
    private readonly observer?: CommandObserver,
  ) {}

  /** True once the caller hung up or the socket went away. */
  get isGone(): boolean {
    return this.gone || this.outbound.isChannelGone;
  }

  markGone(): void {
    this.gone = true;
  }

  /**
   * Sends `commands` in order and resolves with the completion of the last `execute` (null when it was skipped
   * or the last command is an api). Earlier commands complete on their own; their failures are not the
   * effect's result. Rejects with {@link ChannelGoneError} when the caller is gone.
   */
  send(commands: readonly SwitchCommand[]): Promise<ExecuteResult | null> {
    const prepared = this.prepared;
    if (prepared !== null) {
      this.withdrawPrepared();
      this.prepared = null;
      if (prepared.written !== null) {
        if (sameCommands(prepared.commands, commands)) return prepared.written;
        this.mispredicted++;
      }
    }
    let last: Promise<ExecuteResult | null> | null = null;
    for (const command of commands) {
      if (this.isGone) {
        this.refused += commands.length - commands.indexOf(command);
        this.outbound.flush();
        return Promise.reject(new ChannelGoneError(`not sending ${command.kind === 'api' ? command.command : command.app}: channel is gone`, this.outbound.hangupCause));
      }
      last?.catch(ignore);
      last = this.sendOne(command);
    }
    // The effect's commands leave now, in one segment, before the session goes on with metrics and bookkeeping.
    this.outbound.flush();
    return last ?? NOTHING_SENT;
  }

  /** The completion of the last app this channel wrote (null before the first). */
  get lastApp(): Promise<ExecuteResult> | null {
    return this.lastExecution;
  }

  /**
   * Gets `commands` (an effect's, as {@link send} would take them) written the moment the app that `after`
   * stands for completes and `when` accepts its result — from the completion's event handler, before anything
   * else runs. The next {@link send} of the same commands then returns what was written instead of writing again;
   * any other `send`, or {@link withdrawPrepared}, withdraws them if they have not gone yet. Only executes can be
   * prepared; false when there is nothing to prepare them on (that app already completed).
   */
  prepareAfter(after: Promise<ExecuteResult>, commands: readonly SwitchCommand[], when: (result: ExecuteResult) => boolean): boolean {
    if (this.prepared !== null || this.isGone) return false;
    const apps: FollowUpApp[] = [];
    const written: SwitchCommand[] = [];
    const assignments: Array<{ name: string; value: string | null }> = [];
    for (const command of commands) {
      if (command.kind !== 'execute') return false;
      const variable = assignment(command.app, command.arg);
      if (variable !== null) {
        if (this.known.has(variable.name) && this.known.get(variable.name) === variable.value) continue;
        assignments.push(variable);
      }
      written.push(command);
      apps.push(command.arg === null ? { app: command.app, eventLock: command.eventLock } : { app: command.app, arg: command.arg, eventLock: command.eventLock });
    }
    if (apps.length === 0) return false;
    const prepared: PreparedCommands = { after, commands, written: null };
    const armed = this.outbound.followWith(after, {
      apps,
      when,
      sent: (completions) => {
        for (const variable of assignments) this.known.set(variable.name, variable.value);
        if (this.observer) for (const command of written) this.observer(this.uuid, command);
        for (const completion of completions) this.track(completion).catch(ignore);
        this.lastExecution = completions[completions.length - 1] ?? this.lastExecution;
        prepared.written = this.lastExecution;
      },
    });
    if (armed) this.prepared = prepared;
    return armed;
  }

  /**
   * Withdraws prepared commands not written yet (the flow is about to do something else). Written ones stay
   * until the flow's next {@link send}, which takes them or counts a misprediction.
   */
  withdrawPrepared(): void {
    const prepared = this.prepared;
    if (prepared === null || prepared.written !== null) return;
    this.outbound.followWith(prepared.after, null);
    this.prepared = null;
  }

  /** True while commands are prepared and not yet written. */
  get hasPreparedCommands(): boolean {
    return this.prepared !== null && this.prepared.written === null;
  }

  /** Runs one api command on the call's socket and resolves with its output. */
  api(command: string): Promise<string> {
    if (this.isGone) {
      this.refused++;
      return Promise.reject(new ChannelGoneError(`not sending api ${command}: channel is gone`, this.outbound.hangupCause));
    }
    this.observer?.(this.uuid, { kind: 'api', command });
    return this.outbound.api(command);
  }

  /** Keeps `work` in the set the session waits for before it reports a hangup or closes the socket. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = (): void => void this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Resolves once everything tracked so far has settled. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private sendOne(command: SwitchCommand): Promise<ExecuteResult | null> {
    if (command.kind === 'api') {
      return this.api(command.command).then(() => null);
    }
    const variable = assignment(command.app, command.arg);
    if (variable !== null) {
      if (this.known.has(variable.name) && this.known.get(variable.name) === variable.value) return NOTHING_SENT;
      this.known.set(variable.name, variable.value);
    }
    this.observer?.(this.uuid, command);
    const completion = this.outbound.execute(command.app, command.arg ?? undefined, { eventLock: command.eventLock });
    this.lastExecution = completion;
    return this.track(completion);
  }
}

/** Commands {@link CallChannel.prepareAfter} set up: `written` is the last app's completion once they went out. */
interface PreparedCommands {
  readonly after: Promise<ExecuteResult>;
  readonly commands: readonly SwitchCommand[];
  written: Promise<ExecuteResult> | null;
}

function sameCommands(a: readonly SwitchCommand[], b: readonly SwitchCommand[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) {
    const x = a[index] as SwitchCommand;
    const y = b[index] as SwitchCommand;
    if (x.kind === 'api' || y.kind === 'api') {
      if (x.kind !== y.kind || (x.kind === 'api' && y.kind === 'api' && x.command !== y.command)) return false;
    } else if (x.app !== y.app || x.arg !== y.arg || x.eventLock !== y.eventLock) return false;
  }
  return true;
}

function ignore(): void {}

/** What `send` resolves with when the last command was skipped: one shared promise. */
const NOTHING_SENT: Promise<ExecuteResult | null> = Promise.resolve(null);

/** `set name=value` / `unset name` → the variable it changes. */
function assignment(app: string, arg: string | null): { name: string; value: string | null } | null {
  if (arg === null) return null;
  if (app === 'unset') return { name: arg.trim(), value: null };
  if (app !== 'set') return null;
  const separator = arg.indexOf('=');
  return separator > 0 ? { name: arg.slice(0, separator), value: arg.slice(separator + 1) } : null;
}
