import { randomUUID } from 'node:crypto';
import type { AppContext } from './apps/app-context.js';
import type { QueueRegistry } from './apps/queue-registry.js';
import { APPLICATION_MODULES } from './api/modules.js';
import { APPLICATIONS } from './apps/registry.js';
import { promptDurationMs } from './apps/media.js';
import type { Channel } from './model/channel.js';
import type { SwitchEvent } from './model/event.js';
import { answerChannel, executeApplication, fireExecuteComplete, hangupChannel, reportHangup } from './model/lifecycle.js';
import { SITES, type SwitchCore } from './model/switch-core.js';
import { runOutboundSocket, type OutboundTarget } from './outbound/socket-session.js';
import type { CallScript } from './script.js';
import type { Emulator } from './emulator.js';
import { expandVariables } from './wire/app-arguments.js';

/** What a destination number does in the emulator's dialplan (context `default`). */
export type Extension = 'socket' | 'tone';

/** One entry of a call's event log. */
export type CallLogEntry = { readonly kind: 'event'; readonly leg: 'a' | 'b'; readonly event: SwitchEvent } | { readonly kind: 'note'; readonly text: string };

/** How a call ended. */
export interface CallSummary {
  readonly hangupCause: string;
  readonly log: readonly CallLogEntry[];
}

export interface CallDependencies {
  readonly emulator: Emulator;
  readonly core: SwitchCore;
  readonly queues: QueueRegistry;
  readonly outbound: OutboundTarget | undefined;
}

/**
 * A simulated call through `loopback/<destination>`: the A leg plays the caller and stays parked; the B leg
 * runs the dialplan (`answer`, `socket <outbound> async full`, `hangup`), so the B leg is the channel that
 * connects to the runtime's outbound socket server.
 */
export class SimulatedCall {
  readonly aLeg: Channel;
  readonly bLeg: Channel;
  readonly log: CallLogEntry[] = [];
  /** Resolves once both legs are answered (what a blocking `originate` waits for). */
  readonly answered: Promise<void>;
  /** Resolves when both legs have reported CHANNEL_HANGUP_COMPLETE. */
  readonly finished: Promise<CallSummary>;
  private markAnswered: () => void = () => undefined;
  private readonly dtmfQueue: Array<CallScript['dtmf'] extends ReadonlyArray<infer T> | undefined ? T : never>;
  private readonly bridgeQueue: Array<NonNullable<CallScript['bridge']>[number]>;

  constructor(
    private readonly deps: CallDependencies,
    readonly destination: string,
    callerIdNumber: string,
    readonly script: CallScript,
    readonly extension: Extension,
  ) {
    const { core } = deps;
    const profile = { callerIdNumber, calleeIdName: 'Outbound Call', calleeIdNumber: 'default', destinationNumber: destination, context: 'default' };
    const aUuid = randomUUID();
    const bUuid = randomUUID();
    this.aLeg = core.createChannel(`loopback/${destination}-a`, { ...profile, direction: 'outbound' }, aUuid);
    this.bLeg = core.createChannel(`loopback/${destination}-b`, { ...profile, direction: 'inbound' }, bUuid);
    this.dtmfQueue = [...(script.dtmf ?? [])];
    this.bridgeQueue = [...(script.bridge ?? [])];
    this.answered = new Promise((resolve) => (this.markAnswered = resolve));
    const stopA = core.listenToChannel(this.aLeg.uuid, (event) => this.log.push({ kind: 'event', leg: 'a', event }));
    const stopB = core.listenToChannel(this.bLeg.uuid, (event) => this.log.push({ kind: 'event', leg: 'b', event }));
    const stopLogging = (): void => {
      stopA();
      stopB();
    };
    this.finished = this.run().then(
      () => {
        stopLogging();
        return { hangupCause: this.bLeg.hangupCause ?? 'NORMAL_CLEARING', log: this.log };
      },
      (error: unknown) => {
        stopLogging();
        this.note(`call failed: ${String(error)}`);
        return { hangupCause: 'DESTINATION_OUT_OF_ORDER', log: this.log };
      },
    );
  }

  get emulator(): Emulator {
    return this.deps.emulator;
  }

  get aLegUuid(): string {
    return this.aLeg.uuid;
  }

  get bLegUuid(): string {
    return this.bLeg.uuid;
  }

  /** Hangs the call up from outside (`uuid_kill`, the caller hanging up). */
  hangup(cause = 'NORMAL_CLEARING', leg: 'a' | 'b' = 'b'): void {
    hangupChannel(this.deps.core, leg === 'a' ? this.aLeg : this.bLeg, cause, 'external');
    if (leg === 'a') hangupChannel(this.deps.core, this.bLeg, cause, 'external');
  }

  note(text: string): void {
    this.log.push({ kind: 'note', text });
  }

  /** Context handed to every app run on the B leg. */
  appContext(): AppContext {
    const { core, queues } = this.deps;
    const channel = this.bLeg;
    return {
      core,
      channel,
      script: this.script,
      queues,
      sleep: async (ms) => {
        if (channel.isHungUp) return false;
        await core.clock.sleep(ms, channel.hangupSignal);
        return !channel.isHungUp;
      },
      hangup: (cause) => hangupChannel(core, channel, cause, 'app'),
      nextDtmf: () => this.dtmfQueue.shift(),
      nextBridgeOutcome: () => this.bridgeQueue.shift(),
      answerPeer: () => this.answerALeg(),
      note: (text) => this.note(text),
    };
  }

  /**
   * `arg` after variable expansion, as `switch_core_session_exec` hands it to the app (and reports it as
   * Application-Data): channel variables, then the switch's globals (`domain` is its IPv4 address, as in the
   * stock vars.xml). `app_disable_expand_variables=true` leaves it alone.
   */
  expandArgument(arg: string): string {
    const channel = this.bLeg;
    if (channel.variables.get('app_disable_expand_variables') === 'true') return arg;
    const globals: Readonly<Record<string, string>> = { domain: this.deps.core.identity.ipv4, hostname: this.deps.core.identity.hostname };
    return expandVariables(arg, (name, global) => (global ? undefined : channel.variables.get(name)) ?? globals[name]);
  }

  /** Runs `app` on the B leg as a dialplan (or, with `applicationUuid`, sendmsg) application. */
  async execute(app: string, rawArg: string, applicationUuid?: string): Promise<void> {
    const module = Object.hasOwn(APPLICATION_MODULES, app) ? APPLICATION_MODULES[app] : undefined;
    if (module !== undefined && !this.deps.emulator.modules.has(module)) {
      // An app of a module not loaded (e.g. voicemail without mod_voicemail), as FreeSWITCH 1.10.12 does it
      // (switch_core_session.c:2766, seen on the real switch): sendmsg got +OK, the log says "Invalid
      // Application voicemail", no CHANNEL_EXECUTE / EXECUTE_COMPLETE, and the channel is hung up.
      this.note(`Invalid Application ${app}`);
      hangupChannel(this.deps.core, this.bLeg, 'DESTINATION_OUT_OF_ORDER', 'app');
      return;
    }
    const run = APPLICATIONS[app];
    const context = this.appContext();
    const arg = this.expandArgument(rawArg);
    await executeApplication(this.deps.core, this.bLeg, app, arg, async () => {
      if (run) await run(context, arg);
      else this.note(`${app}: not an application the emulator knows; completed without effect`);
    }, applicationUuid);
  }

  private async run(): Promise<void> {
    const { core } = this.deps;
    const a = this.aLeg;
    const b = this.bLeg;
    a.setVariable('direction', 'outbound');
    a.setVariable('is_outbound', 'true');
    a.setVariable('uuid', a.uuid);
    a.setVariable('call_uuid', a.uuid);
    a.setVariable('session_id', String(a.sessionId));
    for (const leg of [a, b]) {
      if (leg === b) {
        leg.setVariable('direction', 'inbound');
        leg.setVariable('uuid', leg.uuid);
        leg.setVariable('call_uuid', leg.uuid);
        leg.setVariable('session_id', String(leg.sessionId));
        leg.setVariable('channel_name', leg.name);
      }
      leg.setVariable('read_codec', 'L16');
      leg.setVariable('read_rate', '8000');
      leg.setVariable('write_codec', 'L16');
      leg.setVariable('write_rate', '8000');
      if (leg === a) {
        leg.setVariable('channel_name', leg.name);
        leg.setVariable('originate_early_media', 'true');
        leg.setVariable('originate_endpoint', 'loopback');
      }
      leg.setVariable('other_loopback_leg_uuid', leg === a ? b.uuid : a.uuid);
      leg.setVariable('loopback_leg', leg === a ? 'A' : 'B');
      core.fireChannelEvent('CHANNEL_CREATE', leg, { site: SITES.create });
    }
    b.setVariable('call_uuid', b.uuid);
    b.setState('CS_EXECUTE');
    b.callState = 'RINGING';
    a.setState('CS_CONSUME_MEDIA');
    await this.execute('answer', '');
    this.markAnswered();
    if (this.script.hangupAfterMs !== undefined) {
      void core.clock.sleep(this.script.hangupAfterMs, b.hangupSignal).then(() => this.hangup('NORMAL_CLEARING'));
    }
    if (this.extension === 'socket') await this.runSocketApp();
    else await this.execute('playback', 'tone_stream://%(2000,0,440)');
    if (!b.isHungUp) await this.execute('hangup', 'NORMAL_CLEARING');
    hangupChannel(core, a, b.hangupCause ?? 'NORMAL_CLEARING', 'external');
    reportHangup(core, b);
    await this.aLegParked;
    reportHangup(core, a);
  }

  private aLegParked: Promise<void> = Promise.resolve();

  /** Answers the A leg (the caller) and parks it, as `originate ... &park()` does. */
  private answerALeg(): void {
    const { core } = this.deps;
    const a = this.aLeg;
    if (a.answerState !== 'ringing') return;
    answerChannel(core, a);
    a.setVariable('endpoint_disposition', 'ANSWER');
    a.setVariable('pre_transfer_caller_id_number', a.profile.callerIdNumber);
    a.setVariable('channel_cid_flipped', 'yes');
    a.profile.cidFlipped = true;
    a.setVariable('call_uuid', a.uuid);
    this.aLegParked = executeApplication(core, a, 'park', '', async () => {
      core.fireChannelEvent('CHANNEL_PARK', a, { site: SITES.park });
      await new Promise<void>((resolve) => {
        if (a.hangupSignal.aborted) resolve();
        else a.hangupSignal.addEventListener('abort', () => resolve(), { once: true });
      });
      core.fireChannelEvent('CHANNEL_UNPARK', a, { site: SITES.unpark });
    });
  }

  private async runSocketApp(): Promise<void> {
    const { core, outbound } = this.deps;
    const b = this.bLeg;
    const target = outbound;
    const arg = target ? `${target.host}:${target.port} async full` : 'unconfigured async full';
    const applicationUuid = randomUUID();
    b.setVariable('current_application', 'socket');
    b.setVariable('current_application_data', arg);
    core.fireChannelEvent('CHANNEL_EXECUTE', b, { site: SITES.execute, trailing: [['Application', 'socket'], ['Application-Data', arg], ['Application-UUID', applicationUuid]] });
    b.setVariable('current_application', 'socket');
    if (target) {
      b.setVariable('socket_host', target.host);
      await runOutboundSocket(this, core, target);
    } else {
      this.note('socket: no outbound target configured');
    }
    fireExecuteComplete(core, b, 'socket', arg, applicationUuid);
  }
}

/** Simulated length of the tone extension's prompt (exported for tests). */
export const TONE_EXTENSION_MS = promptDurationMs('tone_stream://%(2000,0,440)');
