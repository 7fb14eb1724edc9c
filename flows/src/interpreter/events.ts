/**
 * Events the edge (runtime or simulator) feeds to the interpreter. Each carries its timestamp `at`
 * (epoch milliseconds): the interpreter never reads a clock. `seq` echoes the awaited effect's `seq`; an event
 * whose `seq` does not match what the call is waiting for is stale and ignored.
 */
export type CallEvent =
  | { type: 'digits'; at: number; digits: string; seq?: number }
  | { type: 'noInput'; at: number; seq?: number }
  | { type: 'promptFinished'; at: number; seq?: number }
  | {
      type: 'queueStatus';
      at: number;
      callersWaiting: number;
      agentsLoggedIn: number;
      agentsAvailable: number;
      estimatedWaitSeconds: number;
      seq?: number;
    }
  | { type: 'queueUpdate'; at: number; position: number; estimatedWaitSeconds: number; seq?: number }
  /** An agent picked up: the caller is now talking to them (mod_callcenter `bridge-agent-start`). */
  | { type: 'queueAnswered'; at: number; agent?: string; seq?: number }
  /** The wait is over; `answered` is sent when the agent call has ENDED. */
  | { type: 'queueExit'; at: number; reason: QueueExitReason; detail?: string; seq?: number }
  | { type: 'transferResult'; at: number; result: 'answered' | 'busy' | 'noAnswer' | 'failed'; cause?: string; seq?: number }
  | { type: 'httpResult'; at: number; status?: number; body?: string; error?: string; seq?: number }
  /** `reason: 'alreadyScheduled'` when the number already has an active callback, so the caller can be told so. */
  | { type: 'callbackResult'; at: number; ok: boolean; callbackId?: string; reason?: 'alreadyScheduled' | 'error'; error?: string; seq?: number }
  | { type: 'voicemailFinished'; at: number; seq?: number }
  | { type: 'timer'; at: number; name: string }
  /** The edge could not carry out the awaited effect (switch error, timeout). */
  | { type: 'effectFailed'; at: number; message: string; seq?: number }
  /**
   * The caller is gone. `failure` is set when the switch hung the call up because it could not run what the flow
   * asked for (e.g. FreeSWITCH's "Invalid Application voicemail" on a switch without mod_voicemail): the call
   * then ends with outcome `error` and this text as its reason.
   */
  | { type: 'hangup'; at: number; cause?: string; failure?: string };

export type QueueExitReason = 'answered' | 'timeout' | 'noAgents' | 'exitKey' | 'error';
export type CallEventType = CallEvent['type'];
export type EventOf<T extends CallEventType> = Extract<CallEvent, { type: T }>;

/** What a new call brings: who calls, which number, when, and the channel's variables. */
export interface CallStart {
  callId: string;
  caller: string;
  dialled: string;
  at: number;
  /** Preferred language; the flow's first language when absent or not offered. */
  language?: string;
  channel?: Record<string, string>;
  /** Operational switches set outside the flow, e.g. `{ emergency: true }` during an incident. */
  flags?: Record<string, boolean>;
  /** The incident override in force when the call arrived (the runtime's, or the simulator's call setting). */
  incident?: CallIncident;
}

/**
 * An incident override for a new call: `emergency` sends every schedule node to its `emergency` outlet;
 * `announce` plays the announcement (per language) before the flow's entry node, then the flow runs as usual.
 */
export interface CallIncident {
  /** The override's id, for records ("affected by incident …"). */
  id: string;
  mode: 'emergency' | 'announce';
  /** Language → text to speak or audio file to play (audio wins), for `announce`. */
  announcement?: Record<string, { text?: string; audio?: string }>;
}
