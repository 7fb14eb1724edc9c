import { randomUUID } from 'node:crypto';
import type { SimulationClock } from '../clock.js';
import { Channel, type CallerProfile } from './channel.js';
import {
  callerProfileHeaders,
  channelBasicHeaders,
  codecHeaders,
  commonHeaders,
  variableHeaders,
  type CallingSite,
  type SwitchEvent,
  type SwitchIdentity,
} from './event.js';

/** Receives every event the switch fires; each listener applies its own subscription filter. */
export type EventListener = (event: SwitchEvent) => void;

/** What goes into a channel event besides the common and channel headers. */
export interface ChannelEventOptions {
  readonly site: CallingSite;
  /** Include `variable_*` headers (CHANNEL_STATE and DTMF leave them out). */
  readonly variables?: boolean;
  /** Headers placed before `Event-Name` (CUSTOM events put `Event-Subclass` there). */
  readonly leading?: ReadonlyArray<readonly [string, string]>;
  /** Headers placed right after the common ones (CHANNEL_HANGUP_COMPLETE repeats `Hangup-Cause` there). */
  readonly afterCommon?: ReadonlyArray<readonly [string, string]>;
  /** Event-specific headers at the end (`Application`, `DTMF-Digit`, `CC-*`, ...). */
  readonly trailing?: ReadonlyArray<readonly [string, string]>;
  readonly subclass?: string;
}

/**
 * The emulated switch: identity, simulated clock, event sequence numbers, live channels and event delivery.
 */
export class SwitchCore {
  readonly channels = new Map<string, Channel>();
  private readonly listeners = new Set<EventListener>();
  /** Listeners for one channel's events only: a call's own socket and log need not see every other call. */
  private readonly channelListeners = new Map<string, Set<EventListener>>();
  private sequence = 7800;
  private sessionCounter = 260;

  constructor(
    readonly identity: SwitchIdentity,
    readonly clock: SimulationClock,
  ) {}

  /** Simulated time in microseconds, the unit of `Event-Date-Timestamp` and the `*_uepoch` variables. */
  nowMicros(): number {
    return Math.floor(this.clock.now() * 1000);
  }

  /** Registers a listener; returns the function that removes it. */
  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Registers a listener for events about channel `uuid`; returns the function that removes it. */
  listenToChannel(uuid: string, listener: EventListener): () => void {
    let set = this.channelListeners.get(uuid);
    if (!set) this.channelListeners.set(uuid, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.channelListeners.get(uuid) === set) this.channelListeners.delete(uuid);
    };
  }

  /** Delivers an event to every listener (in registration order), then to the listeners of its channel. */
  fire(event: SwitchEvent): void {
    if (this.listeners.size > 0) for (const listener of [...this.listeners]) listener(event);
    const forChannel = event.channelUuid === undefined ? undefined : this.channelListeners.get(event.channelUuid);
    if (forChannel) for (const listener of [...forChannel]) listener(event);
  }

  /** Creates and registers a channel. */
  createChannel(name: string, profile: Omit<CallerProfile, 'createdMicros' | 'answeredMicros' | 'hangupMicros'>, uuid = randomUUID()): Channel {
    const channel = new Channel(uuid, name, { ...profile, createdMicros: this.nowMicros(), answeredMicros: 0, hangupMicros: 0 }, ++this.sessionCounter);
    this.channels.set(uuid, channel);
    return channel;
  }

  /** Builds a channel event with FreeSWITCH's header layout. */
  channelEvent(name: string, channel: Channel, options: ChannelEventOptions): SwitchEvent {
    const headers: Array<readonly [string, string]> = [
      ...(options.leading ?? []),
      ...commonHeaders(name, this.identity, options.site, this.clock.now(), ++this.sequence),
      ...(options.afterCommon ?? []),
      ...channelBasicHeaders(channel),
      ...codecHeaders(),
      ...callerProfileHeaders(channel, 'Caller-'),
      ...(options.variables === false ? [] : variableHeaders(channel)),
      ...(options.trailing ?? []),
    ];
    return { name, subclass: options.subclass, headers, body: undefined, channelUuid: channel.uuid };
  }

  /** Builds an event that concerns no channel (BACKGROUND_JOB, callcenter `members-count`). */
  plainEvent(name: string, site: CallingSite, headers: ReadonlyArray<readonly [string, string]>, body?: string, leading: ReadonlyArray<readonly [string, string]> = [], subclass?: string): SwitchEvent {
    return {
      name,
      subclass,
      headers: [...leading, ...commonHeaders(name, this.identity, site, this.clock.now(), ++this.sequence), ...headers],
      body,
      channelUuid: undefined,
    };
  }

  /** Builds and fires a channel event. */
  fireChannelEvent(name: string, channel: Channel, options: ChannelEventOptions): void {
    this.fire(this.channelEvent(name, channel, options));
  }
}

/** Calling sites FreeSWITCH 1.10.12 reports for the events the emulator fires. */
export const SITES = {
  channelData: { file: 'mod_event_socket.c', func: 'parse_command', line: 2021 },
  execute: { file: 'switch_core_session.c', func: 'switch_core_session_exec', line: 2944 },
  executeComplete: { file: 'switch_core_session.c', func: 'switch_core_session_exec', line: 2967 },
  hangup: { file: 'switch_channel.c', func: 'switch_channel_perform_hangup', line: 3445 },
  park: { file: 'switch_ivr.c', func: 'switch_ivr_park', line: 1002 },
  unpark: { file: 'switch_ivr.c', func: 'switch_ivr_park', line: 1213 },
  state: { file: 'switch_channel.c', func: 'switch_channel_perform_set_running_state', line: 2408 },
  hangupComplete: { file: 'switch_core_state_machine.c', func: 'switch_core_session_reporting_state', line: 943 },
  dtmf: { file: 'switch_channel.c', func: 'switch_channel_dequeue_dtmf', line: 677 },
  create: { file: 'switch_core_state_machine.c', func: 'switch_core_session_run', line: 626 },
  answer: { file: 'switch_channel.c', func: 'switch_channel_perform_mark_answered', line: 3846 },
  backgroundJob: { file: 'mod_event_socket.c', func: 'api_exec', line: 1572 },
  ccMemberStart: { file: 'mod_callcenter.c', func: 'callcenter_function', line: 3113 },
  ccMemberEnd: { file: 'mod_callcenter.c', func: 'callcenter_function', line: 3274 },
  ccCount: { file: 'mod_callcenter.c', func: 'cc_queue_count', line: 878 },
} as const satisfies Record<string, CallingSite>;
