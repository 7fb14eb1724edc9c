import { linkProgram, start, step, surveyCallbackFlow, type CallEvent, type CallIncident, type CallState, type Effect, type EffectOf, type NodeExit, type Program } from '@switchboard/flows';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { executeEffect, type CallServices, type EffectContext, type QueueWait } from '../effects/index.js';
import { eventHeader, OutboundSession, type ChannelData, type EslEvent, type ExecuteResult, type OutboundSessionOptions } from '../esl/index.js';
import type { CommandSettings } from '../freeswitch/commands.js';
import type { CallRecordOutcome, RuntimeOutcome } from '../services/analytics/outcomes.js';
import type { PinnedVersion } from '../registry/registry.js';
import type { RuntimeMetrics } from '../server/metrics.js';
import { bindingAddress, callStartOf } from './call-start.js';
import { CallChannel, type CommandObserver } from './channel.js';
import { promptOutcome } from '../freeswitch/results.js';
import { commandsAfterPrompt } from './next-prompt.js';
import type { RuntimeClock } from './clock.js';
import { runFallback, type FallbackReason, type FallbackSettings } from './fallback.js';
import { CallTimers } from './timers.js';
import { surveyCallbackId, surveyCallbackServices } from './survey-callback.js';
import type { SurveyCallbackCall } from '../services/contracts.js';

/** Where a call finds its flow. */
export interface VersionLookup {
  lookup(address: string): PinnedVersion | undefined;
}

/** Which incident override a new call starts under. */
export interface IncidentLookup {
  forCall(address: string, now: number): CallIncident | null;
}

/** Everything a call session needs from the runtime. */
export interface SessionDependencies {
  readonly versions: VersionLookup;
  /** Incident overrides in force (none when absent). */
  readonly incidents?: IncidentLookup;
  readonly services: CallServices;
  readonly settings: CommandSettings;
  readonly fallback: FallbackSettings;
  readonly clock: RuntimeClock;
  readonly logger: Logger;
  readonly metrics: RuntimeMetrics;
  readonly environment: string;
  /** Sees every command written to a channel (tests). */
  readonly observer?: CommandObserver;
  /**
   * Write the next prompt the moment the one playing ends, prepared while it plays (next-prompt.ts); default
   * true. False sends each command only after the interpreter has handled the completion.
   */
  readonly prepareNextPrompt?: boolean;
  /** Frame limits and protocol-error reporting for the call's socket (the outbound server's). */
  readonly outboundSession?: OutboundSessionOptions;
}

/** How a call went, for the server and tests. */
export interface CallSummary {
  readonly callId: string;
  readonly address: string;
  /** The version the call ran (pinned at its start); null when it went to the fallback. */
  readonly versionId: string | null;
  readonly outcome: string;
  readonly fallback: FallbackReason | null;
}

/** Longest wait for apps still running (the final hangup, a queue wait) before the socket is closed anyway. */
const DRAIN_MS = 10_000;

function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * One call, from FreeSWITCH's outbound connection to `exit`: pins the binding's live version, runs the
 * interpreter, hands each effect to its executor and feeds the answers back one at a time. It owns the call's
 * channel, timers and listeners and releases them all when the call ends.
 */
export class CallSession {
  private readonly outbound: OutboundSession;
  private channel: CallChannel | undefined;
  private readonly timers: CallTimers;
  private readonly listeners = new Set<(event: EslEvent) => void>();
  private readonly cleanups = new Set<() => void>();
  private readonly subscribed = new Set<string>();
  private readonly inbox: CallEvent[] = [];
  /** Awaited effects by seq, for the latency histogram. */
  private readonly awaiting = new Map<number, { kind: Effect['kind']; since: number }>();
  private program: Program | undefined;
  private state: CallState | undefined;
  private pumping = false;
  private hangupReported = false;
  private finishing: Promise<void> | undefined;
  private outcome = 'unknown';
  /** The call record was started (callStarted) / ended (callEnded): each is written once. */
  private recordStarted = false;
  private recordEnded = false;
  /** An ending the runtime decided (switch lost) that the flow's own end record gives way to. */
  private runtimeEnding: { outcome: RuntimeOutcome; reason: string } | null = null;
  private logger: Logger;
  private queueWait: QueueWait | null = null;
  /** An error that escaped the interpreter loop (never expected). */
  private crashed: unknown = undefined;
  /** The prompt the flow waits on (its effect's seq) and its app's completion, once sent. */
  private playing: { seq: number; completion: Promise<ExecuteResult> } | null = null;
  /** The next commands are being prepared (a setImmediate is pending). */
  private preparing = false;
  /** The services executors get: the runtime's, or a survey call-back's (ratings for the call that booked it). */
  private services: CallServices;

  constructor(
    socket: Socket,
    private readonly deps: SessionDependencies,
  ) {
    this.outbound = new OutboundSession(socket, deps.outboundSession);
    this.timers = new CallTimers(deps.clock);
    this.logger = deps.logger;
    this.services = deps.services;
  }

  /** Handles the call to its end; never rejects. */
  async run(): Promise<CallSummary> {
    let data: ChannelData;
    try {
      data = await this.outbound.connect();
      await this.outbound.myevents();
      await this.outbound.linger();
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'outbound connection failed before the call could start');
      await within(this.outbound.exit(), 1000);
      return { callId: '', address: '', versionId: null, outcome: 'lost', fallback: null };
    }
    const channel = new CallChannel(data.uniqueId, this.outbound, this.deps.observer);
    this.channel = channel;
    const address = bindingAddress(data);
    this.logger = this.deps.logger.child({ call: data.uniqueId, address });
    this.deps.metrics.activeCalls.inc();
    this.deps.metrics.callsStarted.inc({ environment: this.deps.environment });
    this.outbound.onEvent((event) => this.onChannelEvent(event));
    void this.outbound.ended.then(() => {
      if (this.outbound.lost) this.runtimeEnding ??= { outcome: 'switchLost', reason: 'the connection to FreeSWITCH closed mid-call without a hangup' };
      this.reportHangup(undefined);
    });

    const callbackId = surveyCallbackId(data);
    if (callbackId !== null) {
      await this.runSurveyCallback(callbackId, data).catch((error: unknown) => this.logger.error({ err: error instanceof Error ? error.stack : String(error) }, 'survey call-back failed inside the runtime'));
      await this.finish();
      this.deps.metrics.activeCalls.dec();
      this.deps.metrics.callsEnded.inc({ outcome: 'surveyCallback' });
      return { callId: data.uniqueId, address, versionId: null, outcome: 'surveyCallback', fallback: null };
    }
    const pinned = this.deps.versions.lookup(address);
    let fallback: FallbackReason | null = null;
    try {
      if (!pinned) {
        fallback = 'noBinding';
        const call = callStartOf(data, this.deps.clock.now());
        this.recordStart({ callId: call.callId, address, environment: this.deps.environment, flowName: null, versionId: null, caller: call.caller, at: call.at });
        await this.fallBack(fallback, `no live flow for ${address} in ${this.deps.environment}`);
      } else {
        await this.runFlow(pinned, data);
      }
    } catch (error) {
      fallback = 'internalError';
      this.logger.error({ err: error instanceof Error ? error.stack : String(error) }, 'call failed inside the runtime');
      await this.fallBack(fallback, `internal error: ${error instanceof Error ? error.message : String(error)}`).catch(() => undefined);
    }
    await this.finish();
    // Every started record gets an end, even when the flow never produced one (still busy after the caller left).
    const ending = this.runtimeEnding;
    if (ending) this.recordEnd(ending.outcome, ending.reason, this.currentNode());
    else this.recordEnd(this.state?.outcome ?? 'callerHungUp', `the flow had not ended ${DRAIN_MS / 1000} s after the call did`, this.currentNode());
    this.deps.metrics.activeCalls.dec();
    this.deps.metrics.callsEnded.inc({ outcome: this.outcome });
    return { callId: data.uniqueId, address, versionId: fallback === null ? (pinned?.versionId ?? null) : null, outcome: this.outcome, fallback };
  }

  private async runFlow(pinned: PinnedVersion, data: ChannelData): Promise<void> {
    this.program = pinned.program;
    const call = callStartOf(data, this.deps.clock.now());
    const incident = this.deps.incidents?.forCall(pinned.address, call.at) ?? null;
    if (incident) call.incident = incident;
    this.recordStart({
      callId: call.callId,
      address: pinned.address,
      environment: pinned.environment,
      flowName: pinned.flowName,
      versionId: pinned.versionId,
      caller: call.caller,
      at: call.at,
      incidentId: incident?.id ?? null,
    });
    this.logger.info({ flow: pinned.flowName, version: pinned.versionNumber, ...(incident ? { incident: incident.id, incidentMode: incident.mode } : {}) }, 'call started');
    const first = start(pinned.program, call);
    this.deps.services.analytics.stepped?.(call.callId, null, first.effects);
    this.state = first.state;
    await this.pump(first.effects);
    await this.flowEnded;
    if (this.crashed !== undefined) throw this.crashed;
  }

  /**
   * The switch connected a survey call-back the dialer placed (the callee answered): ask the survey node's questions
   * as the original call would have, ratings counted for that call. An unknown callback is hung up on.
   */
  private async runSurveyCallback(callbackId: string, data: ChannelData): Promise<void> {
    const survey: SurveyCallbackCall | null = await this.deps.services.callbacks.surveyCallback(callbackId);
    if (!survey) {
      this.logger.warn({ callbackId }, 'the switch connected a survey call-back the database does not know; hanging up');
      return;
    }
    this.logger = this.logger.child({ surveyCallback: callbackId, ratesCall: survey.callId });
    this.services = surveyCallbackServices(this.deps.services, survey, this.logger);
    this.program = linkProgram(surveyCallbackFlow(survey.survey));
    const first = start(this.program, { ...callStartOf(data, this.deps.clock.now()), language: survey.survey.language });
    this.state = first.state;
    this.logger.info({ flow: survey.survey.flow, node: survey.survey.nodeId }, 'survey call-back answered');
    await this.pump(first.effects);
    await this.flowEnded;
  }

  private markFlowEnded: () => void = () => undefined;
  /** Resolves when the interpreter has ended the call (or, after the caller left, gave up waiting for it). */
  private readonly flowEnded = new Promise<void>((resolve) => (this.markFlowEnded = resolve));

  private recordStart(call: Parameters<CallServices['analytics']['callStarted']>[0]): void {
    this.recordStarted = true;
    this.deps.services.analytics.callStarted(call);
  }

  /** Writes the call record's end once; later endings (the flow's own after a shutdown cut) are ignored. */
  private recordEnd(outcome: CallRecordOutcome, reason: string, nodeId: string | null, lastExit: NodeExit | null = null): void {
    if (this.recordEnded) return;
    this.outcome = outcome;
    if (!this.recordStarted || !this.channel) return;
    this.recordEnded = true;
    this.deps.services.analytics.callEnded({ callId: this.channel.uuid, outcome, nodeId, at: this.deps.clock.now(), reason, lastExit });
  }

  /** Where the flow is now (the node it waits on), for records the runtime writes itself. */
  private currentNode(): string | null {
    const state = this.state;
    return state ? (state.stack[state.stack.length - 1]?.nodeId ?? null) : null;
  }

  /**
   * The runtime is shutting down and this call outlived the grace period: record it as `shutdownDrained` now (the
   * flow will only hear the socket close, which it would take for the caller hanging up), then close the socket
   * — the switch carries on with the dialplan after the socket app (the fallback).
   */
  cut(graceMs: number): void {
    this.recordEnd('shutdownDrained', `runtime shut down; the call was still running after the ${Math.round(graceMs / 1000)} s grace period`, this.currentNode());
    this.outbound.close();
  }

  private async fallBack(reason: FallbackReason, why: string): Promise<void> {
    this.deps.metrics.fallbacks.inc({ reason });
    this.recordEnd('fallback', why, this.currentNode());
    this.logger.warn({ reason: why }, 'call sent to the fallback');
    const channel = this.channel;
    if (!channel || channel.isGone) return;
    await runFallback(channel, this.deps.fallback, this.deps.settings).catch(() => undefined);
  }

  /** Feeds an event to the interpreter, after the ones already waiting. */
  private deliver(event: CallEvent): void {
    if (this.finishing || this.state?.status === 'ended') return;
    // Commands prepared for the prompt finishing must not go out once the flow is told anything else first.
    if (event.type !== 'promptFinished' || event.seq !== this.playing?.seq) this.channel?.withdrawPrepared();
    const seq = 'seq' in event ? event.seq : undefined;
    const awaited = seq === undefined ? undefined : this.awaiting.get(seq);
    if (seq !== undefined && awaited) {
      this.deps.metrics.recordEffectLatency(awaited.kind, Math.max(0, (this.deps.clock.now() - awaited.since) / 1000));
      if (event.type !== 'queueUpdate') this.awaiting.delete(seq);
    }
    this.inbox.push(event);
    if (!this.pumping) {
      this.pump().catch((error: unknown) => {
        // The interpreter never throws by design; if it does, the caller still must not be left in silence.
        this.crashed = error;
        this.markFlowEnded();
      });
    }
  }

  /**
   * Runs `initial` effects, then handles queued events one at a time until none is left (or the flow ended).
   * Synchronous unless an executor makes later effects wait, so an answer turns into the next command at once.
   */
  private pump(initial: readonly Effect[] = []): Promise<void> {
    if (this.pumping || !this.program) return Promise.resolve();
    this.pumping = true;
    return this.drain(this.runEffects(initial));
  }

  private drain(waiting: Promise<void> | undefined): Promise<void> {
    if (waiting) return waiting.then(() => this.drain(undefined));
    try {
      while (this.inbox.length > 0 && this.program && this.state && this.state.status !== 'ended') {
        const event = this.inbox.shift() as CallEvent;
        const result = step(this.program, this.state, event);
        this.services.analytics.stepped?.((this.channel as CallChannel).uuid, event, result.effects);
        this.state = result.state;
        const next = this.runEffects(result.effects);
        if (next) return this.drain(next);
      }
    } catch (error) {
      this.pumping = false;
      return Promise.reject(error);
    }
    this.pumping = false;
    if (this.state?.status === 'ended') this.markFlowEnded();
    else this.prepareNext();
    return Promise.resolve();
  }

  /** Runs `effects` from `from` on; returns a promise only when an executor makes the rest wait. */
  private runEffects(effects: readonly Effect[], from = 0): Promise<void> | undefined {
    for (let index = from; index < effects.length; index++) {
      const effect = effects[index] as Effect;
      if ('seq' in effect && effect.seq !== undefined) this.awaiting.set(effect.seq, { kind: effect.kind, since: this.deps.clock.now() });
      let pending: void | Promise<void>;
      try {
        pending = executeEffect(effect, this.context());
        if (effect.kind === 'play' && effect.seq !== undefined) {
          // The prompt's app is the channel's last (an app already completed, when it was not sent, is harmless:
          // nothing can be prepared on it).
          const sent = this.channel?.lastApp;
          this.playing = sent ? { seq: effect.seq, completion: sent } : null;
        }
      } catch (error) {
        this.executorFailed(effect, error);
        continue;
      }
      if (pending) {
        return pending.then(
          () => this.runEffects(effects, index + 1),
          (error: unknown) => {
            this.executorFailed(effect, error);
            return this.runEffects(effects, index + 1);
          },
        );
      }
    }
    return undefined;
  }

  /**
   * While the caller hears a prompt, gets the flow's next commands ready to go out the moment it ends (see
   * next-prompt.ts). Done after the current I/O, off the path of the command just sent.
   */
  private prepareNext(): void {
    if (this.preparing || this.playing === null || this.deps.prepareNextPrompt === false) return;
    this.preparing = true;
    setImmediate(() => {
      this.preparing = false;
      const { state, program, channel, playing } = this;
      if (!state || !program || !channel || !playing || this.pumping || this.inbox.length > 0) return;
      if (state.status !== 'waiting' || state.pending?.seq !== playing.seq || channel.isGone || channel.hasPreparedCommands) return;
      const commands = commandsAfterPrompt(program, state, playing.seq, this.deps.clock.now(), channel.uuid, this.deps.settings);
      if (commands) channel.prepareAfter(playing.completion, commands, (result) => promptOutcome(result).kind === 'finished');
    });
  }

  private executorFailed(effect: Effect, error: unknown): void {
    this.logger.error({ err: error instanceof Error ? error.stack : String(error), effect: effect.kind }, 'effect executor failed');
    const seq = 'seq' in effect ? effect.seq : undefined;
    if (seq !== undefined) this.deliver({ type: 'effectFailed', at: this.deps.clock.now(), message: 'internal error', seq });
  }

  private contextValue: EffectContext | undefined;

  /** The executors' view of this call (one object per call). */
  private context(): EffectContext {
    if (this.contextValue) return this.contextValue;
    const session = this;
    const channel = this.channel as CallChannel;
    this.contextValue = {
      callId: channel.uuid,
      channel,
      timers: this.timers,
      clock: this.deps.clock,
      settings: this.deps.settings,
      services: this.services,
      metrics: { nodeVisited: (flow, node) => this.deps.metrics.recordNodeVisit(flow, node) },
      get logger() {
        return session.logger;
      },
      get queueWait() {
        return session.queueWait;
      },
      set queueWait(wait) {
        session.queueWait = wait;
      },
      deliver: (event) => this.deliver(event),
      onChannelEvent: (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
      subscribe: async (events) => {
        const key = events.join(' ');
        if (this.subscribed.has(key) || channel.isGone) return;
        this.subscribed.add(key);
        await this.outbound.subscribe(events);
      },
      onEnd: (cleanup) => {
        this.cleanups.add(cleanup);
        return () => this.cleanups.delete(cleanup);
      },
      ended: (effect: EffectOf<'end'>) => {
        const ending = this.runtimeEnding;
        if (ending) this.recordEnd(ending.outcome, `${ending.reason} (the flow saw: ${effect.reason})`, effect.nodeId, effect.lastExit);
        else this.recordEnd(effect.outcome, effect.reason, effect.nodeId, effect.lastExit);
        this.logger.info({ outcome: this.outcome, node: effect.nodeId, reason: effect.reason }, 'call ended');
      },
    };
    return this.contextValue;
  }

  private onChannelEvent(event: EslEvent): void {
    // A key pressed during the prompt may stop it (barge-in) and be the flow's answer: nothing goes ahead of it.
    if (event.name === 'DTMF') this.channel?.withdrawPrepared();
    for (const listener of [...this.listeners]) listener(event);
    if (event.name === 'CHANNEL_HANGUP') this.reportHangup(eventHeader(event, 'Hangup-Cause'));
  }

  /**
   * The caller is gone (CHANNEL_HANGUP, or the socket closed). Apps still running report first — a queue wait
   * that reached an agent is "answered", not "abandoned" — then the flow hears the hangup.
   */
  private reportHangup(cause: string | undefined): void {
    const channel = this.channel;
    if (this.hangupReported || !channel) return;
    this.hangupReported = true;
    channel.markGone();
    const refused = this.outbound.refusedApplication;
    // The switch hung up because it could not run our app: an error, not the caller leaving (nor the app's result).
    const failure = refused === undefined ? undefined : `the switch could not run ${refused} (FreeSWITCH: Invalid Application ${refused}; hung up with ${cause ?? 'DESTINATION_OUT_OF_ORDER'})`;
    if (failure) this.logger.error({ app: refused }, 'the switch could not run an application (module not loaded?)');
    void within(channel.settled(), DRAIN_MS).then(() => {
      this.deliver({ type: 'hangup', at: this.deps.clock.now(), ...(cause === undefined ? {} : { cause }), ...(failure === undefined ? {} : { failure }) });
      // A flow may still do work after the caller left (an HTTP update); it gets a bounded time for it.
      const timer = setTimeout(() => this.markFlowEnded(), DRAIN_MS);
      void this.flowEnded.then(() => clearTimeout(timer));
      if (!this.program) this.markFlowEnded();
    });
  }

  /** Releases everything the call holds: timers, listeners, watchers; hangs up if needed; `exit`. */
  private finish(): Promise<void> {
    this.finishing ??= (async () => {
      this.timers.clear();
      for (const cleanup of [...this.cleanups]) cleanup();
      this.cleanups.clear();
      const channel = this.channel;
      if (channel) {
        await within(channel.settled(), DRAIN_MS);
        // A flow always ends in a hangup or a finished bridge; anything else must not drop into the dialplan's
        // fallback after the socket app.
        if (!channel.isGone) await within(channel.send([{ kind: 'execute', app: 'hangup', arg: 'NORMAL_CLEARING', eventLock: true }]).catch(() => undefined), DRAIN_MS);
        this.deps.metrics.refusedCommands.inc(channel.refused);
        if (channel.mispredicted > 0) {
          this.deps.metrics.mispredictedCommands.inc(channel.mispredicted);
          this.logger.error({ mispredicted: channel.mispredicted }, 'the next prompt was written ahead but the flow then asked for something else (a defect: please report it)');
        }
      }
      this.listeners.clear();
      await within(this.outbound.exit(), 2_000);
    })();
    return this.finishing;
  }
}
