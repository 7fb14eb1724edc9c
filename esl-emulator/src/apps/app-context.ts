import type { Channel } from '../model/channel.js';
import type { SwitchCore } from '../model/switch-core.js';
import type { BridgeOutcome, CallScript, ScriptedDtmf } from '../script.js';
import type { QueueRegistry } from './queue-registry.js';

/** What an application may use while it runs on a channel. */
export interface AppContext {
  readonly core: SwitchCore;
  readonly channel: Channel;
  readonly script: CallScript;
  readonly queues: QueueRegistry;
  /** Waits `ms` of simulated time; resolves `false` early if the channel hangs up. */
  sleep(ms: number): Promise<boolean>;
  /** Hangs the channel up from inside the app (bridge failure, `hangup`). */
  hangup(cause: string): void;
  /** The caller's next scripted input for a digit-collecting app (`null`: silence; `undefined`: script exhausted). */
  nextDtmf(): ScriptedDtmf | null | undefined;
  /** Next scripted bridge outcome, if the script has one left. */
  nextBridgeOutcome(): BridgeOutcome | undefined;
  /** Answers the other leg of the loopback pair, if it is still ringing. */
  answerPeer(): void;
  /** Adds a line to the call's event log. */
  note(text: string): void;
}

/** One application: runs with its argument and leaves results in channel variables. */
export type Application = (context: AppContext, arg: string) => Promise<void>;
