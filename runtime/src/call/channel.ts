import { ChannelGoneError, type ExecuteResult, type OutboundSession } from '../esl/index.js';
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
    return this.track(this.outbound.execute(command.app, command.arg ?? undefined, { eventLock: command.eventLock }));
  }
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
