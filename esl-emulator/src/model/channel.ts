/** Where a channel is in FreeSWITCH's state machine, as reported in `Channel-State`. */
export type ChannelStateName = 'CS_INIT' | 'CS_ROUTING' | 'CS_EXECUTE' | 'CS_CONSUME_MEDIA' | 'CS_HANGUP' | 'CS_REPORTING';

const STATE_NUMBERS: Record<ChannelStateName, number> = {
  CS_INIT: 2,
  CS_ROUTING: 3,
  CS_EXECUTE: 4,
  CS_CONSUME_MEDIA: 7,
  CS_HANGUP: 10,
  CS_REPORTING: 11,
};

/** Q.850 codes for the hang-up causes the emulator produces. */
export const Q850: Record<string, number> = {
  NORMAL_CLEARING: 16,
  USER_BUSY: 17,
  NO_USER_RESPONSE: 18,
  NO_ANSWER: 19,
  CALL_REJECTED: 21,
  NO_ROUTE_DESTINATION: 3,
  DESTINATION_OUT_OF_ORDER: 27,
  ORIGINATOR_CANCEL: 487,
};

/** Fields of a channel's caller profile, in the order FreeSWITCH emits them (`Caller-<field>`). */
export interface CallerProfile {
  direction: 'inbound' | 'outbound';
  callerIdNumber: string;
  calleeIdName: string;
  calleeIdNumber: string;
  destinationNumber: string;
  context: string;
  createdMicros: number;
  answeredMicros: number;
  hangupMicros: number;
  /** Set on an originated A leg once answered: FreeSWITCH swaps caller and callee id (`channel_cid_flipped`). */
  cidFlipped?: boolean;
}

/**
 * One simulated FreeSWITCH channel: identity, state, caller profile and the ordered channel variables.
 *
 * Variables behave like FreeSWITCH's: setting one removes it and appends it at the end, so header order in
 * events follows the order in which the dialplan and apps touched them.
 */
export class Channel {
  readonly variables = new Map<string, string>();
  state: ChannelStateName = 'CS_INIT';
  stateNumber = STATE_NUMBERS.CS_INIT;
  callState: 'DOWN' | 'RINGING' | 'ACTIVE' | 'HANGUP' = 'DOWN';
  answerState: 'ringing' | 'answered' | 'hangup' = 'ringing';
  hitDialplan: boolean;
  hangupCause: string | undefined;
  /** Aborted when the channel hangs up: every running app and delay listens to it. */
  readonly hangupSignal: AbortSignal;
  private readonly hangupController = new AbortController();

  constructor(
    readonly uuid: string,
    readonly name: string,
    readonly profile: CallerProfile,
    readonly sessionId: number,
  ) {
    this.hitDialplan = profile.direction === 'inbound';
    this.hangupSignal = this.hangupController.signal;
  }

  private readonly breakListeners = new Set<() => void>();

  /** `uuid_break`: whatever is playing stops (CF_BREAK); returns whether anything was listening. */
  breakMedia(): boolean {
    const listeners = [...this.breakListeners];
    this.breakListeners.clear();
    for (const listener of listeners) listener();
    return listeners.length > 0;
  }

  /** Runs `listener` on the next `uuid_break`; returns the function that stops listening. */
  onBreak(listener: () => void): () => void {
    this.breakListeners.add(listener);
    return () => this.breakListeners.delete(listener);
  }

  private broadcastHost: ((app: string, arg: string) => void) | null = null;

  /**
   * The app running on the channel takes over `uuid_broadcast`s (FreeSWITCH runs them as queued private events
   * when the app parses its events, nested inside it); returns the function that stops hosting.
   */
  hostBroadcasts(host: (app: string, arg: string) => void): () => void {
    this.broadcastHost = host;
    return () => {
      if (this.broadcastHost === host) this.broadcastHost = null;
    };
  }

  /** Hands a broadcast app to the hosting app; false when nothing on the channel runs broadcasts. */
  broadcast(app: string, arg: string): boolean {
    if (!this.broadcastHost) return false;
    this.broadcastHost(app, arg);
    return true;
  }

  private readonly dtmfQueue: string[] = [];
  private readonly dtmfListeners = new Set<() => void>();

  /**
   * `switch_channel_queue_dtmf_string` (`uuid_recv_dtmf`): the digits wait on the channel as if the caller had
   * pressed them, until an app reading DTMF takes them; DTMF keys only (0-9 * # A-D).
   */
  queueDtmf(digits: string): void {
    for (const digit of digits) if (/^[0-9*#A-Da-d]$/.test(digit)) this.dtmfQueue.push(digit);
    for (const listener of [...this.dtmfListeners]) listener();
  }

  /** Takes the next queued digit (`switch_channel_dequeue_dtmf`). */
  dequeueDtmf(): string | undefined {
    return this.dtmfQueue.shift();
  }

  /** `uuid_flush_dtmf`: drops the queued digits. */
  flushDtmf(): void {
    this.dtmfQueue.length = 0;
  }

  /** Runs `listener` whenever digits are queued; returns the function that stops listening. */
  onDtmfQueued(listener: () => void): () => void {
    this.dtmfListeners.add(listener);
    return () => this.dtmfListeners.delete(listener);
  }

  /** Sets (or, with an empty/undefined value, removes) a channel variable; a set variable moves to the end. */
  setVariable(name: string, value: string | undefined): void {
    this.variables.delete(name);
    if (value !== undefined && value !== '') this.variables.set(name, value);
  }

  get isHungUp(): boolean {
    return this.hangupCause !== undefined;
  }

  /** Moves to a state; `number` overrides the reported state number (FreeSWITCH reports CS_HANGUP's 10 early). */
  setState(state: ChannelStateName, number: number = STATE_NUMBERS[state]): void {
    this.state = state;
    this.stateNumber = number;
  }

  /** Marks the channel hung up with `cause` and aborts whatever it was doing. Idempotent. */
  markHungUp(cause: string, atMicros: number): boolean {
    if (this.hangupCause !== undefined) return false;
    this.hangupCause = cause;
    this.answerState = 'hangup';
    this.stateNumber = STATE_NUMBERS.CS_HANGUP;
    this.profile.hangupMicros = atMicros;
    this.hangupController.abort();
    return true;
  }
}
