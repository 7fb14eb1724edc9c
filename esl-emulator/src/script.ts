/** Digits a caller presses during one digit-collecting app (`play_and_get_digits`, or while queued). */
export interface ScriptedDtmf {
  readonly digits: string;
  /** Simulated ms after the app starts. Default 20 (during the prompt, as in transcript 03). */
  readonly afterMs?: number;
}

/** What happens when the call runs `bridge`. */
export type BridgeOutcome =
  | { readonly result: 'success'; /** Simulated seconds the bridged party talks before hanging up. */ readonly talkSeconds?: number }
  | { readonly result: 'USER_BUSY' | 'NO_ANSWER' | 'NO_ROUTE_DESTINATION' | 'CALL_REJECTED' };

/** The caller's side of one simulated call. */
export interface CallScript {
  /** One entry per `play_and_get_digits` run, in order; `null` means the caller presses nothing. */
  readonly dtmf?: ReadonlyArray<ScriptedDtmf | null>;
  /** The caller hangs up this many simulated ms after the call is answered. */
  readonly hangupAfterMs?: number;
  /** One entry per `bridge` run, in order. Without one, `error/<cause>` fails with that cause, anything else answers. */
  readonly bridge?: readonly BridgeOutcome[];
  /** The caller presses this digit while waiting in a callcenter queue (leaves with EXIT_WITH_KEY if it is in `cc_exit_keys`). */
  readonly queueDtmf?: ScriptedDtmf;
}

/** A callcenter agent that answers queued callers. */
export interface QueueAgent {
  readonly name: string;
  /** Simulated seconds after a member joins before this agent answers. */
  readonly answerAfterSeconds: number;
  /** Simulated seconds the agent talks before hanging up. Default 30. */
  readonly talkSeconds?: number;
  /** The agent's status as `queue list agents` shows it. Default `Available`. Only available agents answer. */
  readonly status?: 'Available' | 'Available (On Demand)' | 'On Break' | 'Logged Out';
}

/** A mod_callcenter queue, with the settings that decide when a member leaves. */
export interface QueueConfig {
  readonly strategy?: string;
  readonly mohSound?: string;
  /** `max-wait-time`: TIMEOUT after this many seconds (0 = never). */
  readonly maxWaitTimeSeconds?: number;
  /** `max-wait-time-with-no-agent`. */
  readonly maxWaitTimeWithNoAgentSeconds?: number;
  /** `max-wait-time-with-no-agent-time-reached`: NO_AGENT_TIMEOUT fires after both no-agent times. */
  readonly maxWaitTimeWithNoAgentTimeReachedSeconds?: number;
  /** `discard-abandoned-after`: an abandoned member row stays counted this long. */
  readonly discardAbandonedAfterSeconds?: number;
  /** `time-base-score`: `queue` (default) or `system`. Only shown by `queue list`. */
  readonly timeBaseScore?: 'queue' | 'system';
  /** `tier-rules-apply` (default false). Only shown by `queue list`. */
  readonly tierRulesApply?: boolean;
  /** `tier-rule-wait-second` (default 0). Only shown by `queue list`. */
  readonly tierRuleWaitSeconds?: number;
  /** `tier-rule-wait-multiply-level` (default false). Only shown by `queue list`. */
  readonly tierRuleWaitMultiplyLevel?: boolean;
  /** `tier-rule-no-agent-no-wait` (default true). Only shown by `queue list`. */
  readonly tierRuleNoAgentNoWait?: boolean;
  readonly agents?: readonly QueueAgent[];
}
