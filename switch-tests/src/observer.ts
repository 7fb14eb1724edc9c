/**
 * The suite's own view of the switch: an inbound ESL connection that places calls, sends DTMF and records every
 * channel event, so assertions come from the switch's side.
 */
import { InboundClient, eventHeader, type EslEvent } from '@switchboard/runtime/esl';
import type { EslAddress } from '@switchboard/runtime/testing/freeswitch';
import { EventLog, type WaitScope } from './event-log.js';

/** Events the observer records. */
const EVENTS = ['CHANNEL_CREATE', 'CHANNEL_ANSWER', 'CHANNEL_EXECUTE', 'CHANNEL_EXECUTE_COMPLETE', 'CHANNEL_HANGUP_COMPLETE', 'CHANNEL_BRIDGE', 'CHANNEL_UNBRIDGE', 'DTMF', 'CUSTOM', 'callcenter::info'];

/** A recorded event with the headers we look at, flattened. */
export interface SeenEvent {
  readonly name: string;
  readonly uuid: string;
  readonly header: (name: string) => string | undefined;
  readonly raw: EslEvent;
}

let callerSequence = 0;

/** How the suite dials. */
export interface DialOptions {
  /** Caller number presented (default: a unique one, so the call record can be found by it). */
  readonly caller?: string;
  /** More channel variables for the originate. */
  readonly variables?: Readonly<Record<string, string>>;
  /** What the caller's own leg does (default `&park`: silence); e.g. `&playback(tone_stream://…)` to "talk". */
  readonly callerSide?: string;
}

/** A call placed with loopback: the a-leg is ours (parked), the b-leg runs the dialplan and meets the runtime. */
export class TestCall {
  /** The unique caller number this call presents (its call record is found by it). */
  readonly caller: string;
  constructor(
    private readonly observer: SwitchObserver,
    /** The a-leg uuid `originate` returned; DTMF sent to it arrives on the b-leg. */
    readonly aLeg: string,
    caller: string,
    /** The b-leg: the channel the runtime handles (call_records.call_id). */
    readonly bLeg: Promise<string>,
  ) {
    this.caller = caller;
  }

  /** Sends DTMF digits (one `uuid_send_dtmf` on the a-leg; they arrive on the b-leg). */
  async dtmf(digits: string): Promise<void> {
    const reply = await this.observer.api(`uuid_send_dtmf ${this.aLeg} ${digits}`);
    if (!reply.startsWith('+OK')) throw new Error(`uuid_send_dtmf ${digits} refused: ${reply.trim()}`);
  }

  /** The caller hangs up. */
  async hangup(): Promise<void> {
    await this.observer.api(`uuid_kill ${this.aLeg}`);
  }

  /** Resolves with the b-leg's hangup cause once it is gone. */
  async ended(timeoutMs = 60_000): Promise<string> {
    const uuid = await this.bLeg;
    const event = await this.observer.waitFor((e) => e.name === 'CHANNEL_HANGUP_COMPLETE', timeoutMs, `hang-up of ${this.caller}`, { channel: uuid });
    return event.header('Hangup-Cause') ?? '';
  }

  /** Events of the b-leg so far. */
  async events(): Promise<SeenEvent[]> {
    return [...this.observer.eventsOf(await this.bLeg)];
  }

  /** Waits until the b-leg starts running `application` (and its data matches, when given). */
  async executes(application: string, data?: RegExp, timeoutMs = 30_000): Promise<SeenEvent> {
    const uuid = await this.bLeg;
    return this.observer.waitFor(
      (e) => e.name === 'CHANNEL_EXECUTE' && e.header('Application') === application && (!data || data.test(e.header('Application-Data') ?? '')),
      timeoutMs,
      `${this.caller} executing ${application}${data ? ` ${data}` : ''}`,
      { channel: uuid },
    );
  }

  /** mod_callcenter's `callcenter::info` events about this caller (`CC-Member-Session-UUID` is the b-leg). */
  async callcenterActions(): Promise<string[]> {
    const uuid = await this.bLeg;
    return this.observer.seen
      .filter((e) => e.name === 'CUSTOM' && e.header('Event-Subclass') === 'callcenter::info' && e.header('CC-Member-Session-UUID') === uuid)
      .map((e) => e.header('CC-Action') ?? '');
  }

  /** Applications the b-leg ran, in order, as `app(data)`. */
  async applications(): Promise<string[]> {
    return (await this.events()).filter((e) => e.name === 'CHANNEL_EXECUTE').map((e) => `${e.header('Application')}(${e.header('Application-Data') ?? ''})`);
  }
}

/** The observer connection. */
export class SwitchObserver {
  private readonly log = new EventLog<SeenEvent>();
  private readonly client: InboundClient;

  constructor(esl: EslAddress) {
    this.client = new InboundClient({ ...esl, events: EVENTS, backoff: { initialMs: 100, maxMs: 1000 } });
    this.client.onEvent((raw) => {
      this.log.record({ name: raw.name, uuid: eventHeader(raw, 'Unique-ID') ?? '', header: (name) => eventHeader(raw, name), raw });
    });
  }

  /** Every event recorded so far, in order. */
  get seen(): readonly SeenEvent[] {
    return this.log.all;
  }

  /** The events of channel `uuid` so far, in order. */
  eventsOf(uuid: string): readonly SeenEvent[] {
    return this.log.of(uuid);
  }

  start(): Promise<void> {
    return this.client.start();
  }

  ready(): Promise<void> {
    return this.client.ready();
  }

  get connected(): boolean {
    return this.client.health.state === 'ready';
  }

  async api(command: string): Promise<string> {
    await this.client.ready();
    return this.client.api(command);
  }

  /**
   * Resolves with the first recorded or future event `test` accepts: among one channel's events (`{ channel }`),
   * or among those recorded from index `from` on (default: all of them).
   */
  waitFor(test: (event: SeenEvent) => boolean, timeoutMs: number, what: string, scope?: WaitScope): Promise<SeenEvent> {
    return this.log.waitFor(test, timeoutMs, what, scope);
  }

  /**
   * Places a call to `number` over loopback (`originate loopback/<number>/public &park`) from a unique caller
   * number (or `caller`), like a phone dialling the switch.
   */
  async call(number: string, options: DialOptions = {}): Promise<TestCall> {
    let attempt = await this.dial(number, options);
    if (!attempt.aLeg && (await attempt.bLeg.then(() => false, () => true))) {
      // The switch never created the loopback far leg, so the call never reached the dialplan (nor Switchboard):
      // seen once in a while with hundreds of channels up on a loaded 2-core box (CI: -ERR NO_ANSWER after the
      // 60 s originate timeout). That is the test phone failing, not the system under test: dial once more.
      console.log(`originate ${number} (${attempt.caller}) failed with ${attempt.reply} before its far leg existed; dialling again`);
      attempt = await this.dial(number, options);
    }
    if (!attempt.aLeg) throw new Error(`originate ${number} failed: ${attempt.reply}; ${await this.farLegStory(attempt.bLeg)}`);
    return new TestCall(this, attempt.aLeg, attempt.caller, attempt.bLeg);
  }

  /**
   * Dials like {@link call} but returns what `originate` answered (loopback originates complete when the far
   * leg answers, so a call refused before answer comes back as `-ERR <cause>`), with the b-leg's uuid.
   */
  async dial(number: string, options: DialOptions = {}): Promise<{ reply: string; aLeg: string | null; caller: string; bLeg: Promise<string> }> {
    const caller = options.caller ?? `+1999${String(process.pid % 1000).padStart(3, '0')}${String(++callerSequence).padStart(4, '0')}`;
    const variables = { origination_caller_id_number: caller, origination_caller_id_name: 'Switch_test', ...options.variables };
    const prefix = `{${Object.entries(variables).map(([name, value]) => `${name}=${value}`).join(',')}}`;
    const since = this.log.length;
    const reply = (await this.client.bgapi(`originate ${prefix}loopback/${number}/public ${options.callerSide ?? '&park'}`)).trim();
    const bLeg = this.waitFor(
      (e) => e.name === 'CHANNEL_CREATE' && e.header('Channel-Name') === `loopback/${number}-b` && e.header('Caller-Caller-ID-Number') === caller,
      10_000,
      `the b-leg of ${caller}`,
      { from: since },
    ).then((event) => event.uuid);
    bLeg.catch(() => undefined);
    return { reply, aLeg: /^\+OK ([0-9a-f-]{36})/.exec(reply)?.[1] ?? null, caller, bLeg };
  }

  /**
   * What the far leg of a failed originate did (a failure that is rare says where it stopped): its events and the
   * applications it ran, e.g. `socket` that never returned, or `answer` that never reached the a-leg.
   */
  private async farLegStory(bLeg: Promise<string>): Promise<string> {
    const uuid = await bLeg.catch(() => null);
    if (!uuid) return 'the far leg was never created';
    const events = this.eventsOf(uuid).map((event) => {
      const app = event.header('Application');
      const data = event.header('Application-Data');
      const socketHost = event.header('variable_socket_host');
      return [event.name, app && `${app}(${(data ?? '').slice(0, 60)})`, socketHost && `socket_host=${socketHost}`, event.header('Hangup-Cause')].filter(Boolean).join(' ');
    });
    const channel = (await this.channels().catch(() => [])).find((row) => row['uuid'] === uuid);
    return `far leg ${uuid}: ${events.join(' → ') || 'no events'}; ${channel ? `still up in ${channel['application'] ?? '?'}(${channel['application_data'] ?? ''}) state ${channel['callstate'] ?? '?'}` : 'gone'}`;
  }

  /** Channels the switch has up (`show channels as json`). */
  async channels(): Promise<Array<Record<string, string>>> {
    const text = await this.api('show channels as json');
    const parsed = JSON.parse(text) as { row_count: number; rows?: Array<Record<string, string>> };
    return parsed.rows ?? [];
  }

  /** Hangs up every call on the switch (after a failed test, so the next one starts clean) and waits until none is left. */
  async hangUpEverything(): Promise<void> {
    await this.api('hupall NORMAL_CLEARING');
    await this.noChannels();
  }

  /** Waits until the switch has no channel up. */
  async noChannels(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let rows: Array<Record<string, string>> = [];
    while (Date.now() < deadline) {
      rows = await this.channels();
      if (rows.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`channels still up after ${timeoutMs} ms: ${rows.map((row) => `${row['name']} ${row['application'] ?? ''}(${row['application_data'] ?? ''})`).join('; ')}`);
  }

  stop(): Promise<void> {
    return this.client.stop();
  }
}
