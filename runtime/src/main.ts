import { createDatabase, deploymentEventsFor, type Database } from '@switchboard/db';
import { hostname } from 'node:os';
import { pathToFileURL } from 'node:url';
import { pino, type Logger } from 'pino';
import { Registry } from 'prom-client';
import { SwitchCapabilityMonitor } from './capabilities/capability-monitor.js';
import { databaseCapabilityStore } from './capabilities/capability-store.js';
import { systemClock, type RuntimeClock } from './call/clock.js';
import type { CallSummary } from './call/session.js';
import { loadConfig, type RuntimeConfig } from './config.js';
import { InboundClient } from './esl/index.js';
import { countingLiveCalls, LiveCalls } from './live/live-calls.js';
import { startLivePublisher, type LivePublisher } from './live/live-publisher.js';
import { queuesOfLiveFlows } from './live/live-queues.js';
import { addressPolicy } from './outbound-http/address-policy.js';
import { guardedFetch } from './outbound-http/guarded-fetch.js';
import { IncidentOverrides } from './registry/incidents.js';
import { CalendarStore } from './registry/calendar-store.js';
import { FlowRegistry } from './registry/registry.js';
import { OperationsServer, type HealthReport } from './server/http-server.js';
import { RuntimeMetrics } from './server/metrics.js';
import { OutboundServer } from './server/outbound-server.js';
import { createCalendarSource } from './services/calendars/calendar-source.js';
import type { CalendarSource, CallAnalytics, CallbackService, DeploymentFeed, IncidentSource, QueueService, VersionSource } from './services/contracts.js';
import { createIncidentSource } from './services/incidents/incident-source.js';
import { CallcenterReader } from './services/queues/callcenter-reader.js';
import { closeLostCalls, createCallAnalytics, createCallbackService, createQueueService, createVersionSource, startCallbackDialer, startCallbackGroupsMonitor, type CallbackDialer, type CallbackGroupsMonitor, type ManagedCallbackService } from './services/index.js';
import { wrapAnalytics } from './services/analytics/forward-analytics.js';

/** How to start a runtime. Everything is optional: `startRuntime()` reads the environment (runtime/README.md). */
export interface RuntimeOptions {
  readonly config?: RuntimeConfig;
  /** The platform's open database, when the runtime shares its process (`pnpm start`); else opened from config. */
  readonly database?: Database;
  /**
   * "Deployment changed" notices. In-process with the platform, pass the platform's own bus (an in-process bus
   * created here would never hear the API's publishes); otherwise derived from the database (LISTEN/NOTIFY).
   */
  readonly deployments?: DeploymentFeed;
  /** Replace individual services (tests, or a platform that built them already). */
  readonly services?: Partial<{ versions: VersionSource; queues: QueueService; callbacks: CallbackService; analytics: CallAnalytics; incidents: IncidentSource; calendars: CalendarSource }>;
  /** The inbound ESL client; null runs without one; created from config when absent. */
  readonly inbound?: InboundClient | null;
  readonly logger?: Logger;
  readonly clock?: RuntimeClock;
  /** Prometheus registry to add the runtime's metrics to (a new one otherwise). */
  readonly metricsRegistry?: Registry;
  /** Place due keep-your-place callbacks from this process (default: when there is a database and ESL). */
  readonly callbackDialer?: boolean;
  /** Called after each call with how it went. */
  readonly onCallEnded?: (summary: CallSummary) => void;
  /** Names this runtime in `switch_capabilities` (default `hostname:pid`). */
  readonly runtimeInstance?: string;
  /** The live view snapshot (runtime/src/live/): how often it is published (default every 1,000 ms); false: never. */
  readonly liveSnapshots?: { everyMs?: number; ttlMs?: number } | false;
}

/** A running runtime. */
export interface RuntimeHandle {
  readonly config: RuntimeConfig;
  /** Port FreeSWITCH's `socket` app connects to. */
  readonly outboundPort: number;
  /** Port of `/metrics` and `/healthz`; null when off. */
  readonly httpPort: number | null;
  readonly registry: FlowRegistry;
  /** Incident overrides in force for new calls. */
  readonly incidents: IncidentOverrides;
  /** Shared calendars new calls get (null without a database or calendar source). */
  readonly calendars: CalendarStore | null;
  readonly metrics: RuntimeMetrics;
  /** What the switch has and which live flows need something it lacks; null without an inbound connection. */
  readonly switchCapabilities: SwitchCapabilityMonitor | null;
  /** Publishes the live view snapshot; null without a database or when turned off. */
  readonly live: LivePublisher | null;
  health(): HealthReport;
  /** Stops accepting calls, lets calls in progress finish for up to `drainMs`, then releases everything. */
  close(drainMs?: number): Promise<void>;
}

/** Services for a runtime with no inbound ESL connection: queue checks fail (the flow joins and lets the switch decide). */
const NO_SWITCH_QUEUES: QueueService = {
  snapshot: () => Promise.reject(new Error('no inbound ESL connection configured')),
  watchPosition: () => () => undefined,
};

/**
 * Starts call handling: the flow registry (loaded from the database, refreshed on deployment notices), the
 * outbound socket server FreeSWITCH connects to, the inbound ESL client, and `/metrics` + `/healthz`.
 */
export async function startRuntime(options: RuntimeOptions = {}): Promise<RuntimeHandle> {
  const config = options.config ?? loadConfig();
  const logger = options.logger ?? pino({ level: config.logLevel, base: { component: 'runtime', host: hostname() } });
  const registry = options.metricsRegistry ?? new Registry();
  const clock = options.clock ?? systemClock;
  // Callbacks are stamped with the runtime's clock (requested, caller left), so the dialer judges them by it too.
  const now = () => clock.now();
  const cleanups: Array<() => Promise<void> | void> = [];

  const inbound = options.inbound !== undefined ? options.inbound : config.esl ? new InboundClient({ ...config.esl, events: [] }) : null;
  if (inbound && options.inbound === undefined) {
    void inbound.start().catch((error: unknown) => logger.warn({ err: String(error) }, 'inbound ESL not reachable yet; retrying'));
    cleanups.push(() => inbound.stop());
  }
  const metrics = new RuntimeMetrics({ registry, esl: () => inbound ?? undefined, defaultMetrics: options.metricsRegistry === undefined });

  let database = options.database;
  const needsDatabase = !options.services?.versions || !options.services.callbacks || !options.services.analytics || (!options.deployments && !options.services.versions);
  if (!database && needsDatabase) {
    try {
      database = await createDatabase({ url: config.databaseUrl || undefined });
      const opened = database;
      cleanups.push(() => opened.close());
    } catch (error) {
      // Calls must still be answered: with nothing cached they all get the fallback until the database is back.
      logger.error({ err: String(error) }, 'database unavailable at start; calls get the fallback until it is back (restart to reconnect)');
    }
  }

  const versions = options.services?.versions ?? (database ? createVersionSource(database, { logger }) : unavailableVersions());
  const queues = options.services?.queues ?? (inbound ? createQueueService(inbound, { registry, logger }) : NO_SWITCH_QUEUES);
  if (!options.services?.queues && queues !== NO_SWITCH_QUEUES) cleanups.push(() => (queues as ReturnType<typeof createQueueService>).close());
  const ownCallbacks = !options.services?.callbacks && database ? createCallbackService(database, { switchGroup: config.switchGroup, guardMs: config.callbacks.guardSeconds * 1000, registry, logger }) : null;
  const callbacks = options.services?.callbacks ?? ownCallbacks ?? unavailableCallbacks();
  let analytics = options.services?.analytics;
  if (!analytics) {
    const batched = database ? createCallAnalytics(database, { registry, logger, runtimeInstance: config.instance }) : null;
    if (batched) cleanups.push(() => batched.close());
    analytics = batched ?? { callStarted: () => undefined, nodeVisited: () => undefined, queueWaited: () => undefined, surveyAnswered: () => undefined, callEnded: () => undefined };
    if (database) {
      // Calls this instance was handling when it was killed or crashed: close them before taking new ones.
      try {
        const lost = await closeLostCalls(database, config.instance, clock.now());
        if (lost.callIds.length > 0) logger.warn({ calls: lost.callIds.length, instance: config.instance }, 'closed calls left open by the previous run as runtimeLost');
      } catch (error) {
        logger.warn({ err: String(error) }, 'could not close calls left open by the previous run');
      }
    }
  }
  if (ownCallbacks) analytics = noticingCallEnds(analytics, ownCallbacks, logger);
  // The live view counts calls from the same events (a map update each), never from the call sessions themselves.
  const liveCalls = new LiveCalls();
  analytics = countingLiveCalls(analytics, liveCalls);
  /** Where survey call-backs are connected: known once the outbound server listens. */
  let surveySocketAddress: string | null = config.callbacks.surveySocket;
  let dialer: CallbackDialer | null = null;
  if (database && inbound && (options.callbackDialer ?? true)) {
    const reader = new CallcenterReader(inbound);
    const started = startCallbackDialer(database, inbound, {
      switchGroup: config.switchGroup,
      now,
      placement: config.callbacks.placement,
      placementByQueue: config.callbacks.placementByQueue,
      ringSeconds: config.callbacks.ringSeconds,
      queueView: async (queue) => {
        const [members, agents] = await Promise.all([reader.members(queue), reader.agents(queue)]);
        return { members, agents };
      },
      registry,
      logger,
      target: { kind: 'queue' },
      surveySocket: () => surveySocketAddress,
    });
    dialer = started;
    cleanups.push(() => started.stop());
  }
  let callbackGroups: CallbackGroupsMonitor | null = null;
  if (database) {
    const monitor = startCallbackGroupsMonitor(database, { switchGroup: config.switchGroup, now, dialing: () => dialer?.dialing ?? false, registry, logger });
    callbackGroups = monitor;
    cleanups.push(() => monitor.stop());
  }

  let deployments = options.deployments;
  if (!deployments && database) {
    const events = await deploymentEventsFor(database);
    deployments = events;
    cleanups.push(() => events.close());
  }

  // Calendars first, so the first programs pinned already carry them.
  const calendarSource = options.services?.calendars ?? (database ? createCalendarSource(database) : null);
  const calendars = calendarSource ? new CalendarStore({ source: calendarSource, logger }) : undefined;
  if (calendars) {
    await calendars.start(deployments);
    cleanups.push(() => calendars.close());
  }
  const flows = new FlowRegistry({ source: versions, environment: config.environment, logger, ...(calendars ? { calendars } : {}) });
  const incidentSource: IncidentSource = options.services?.incidents ?? (database ? createIncidentSource(database) : { activeIncidents: async () => [] });
  const incidents = new IncidentOverrides({ source: incidentSource, environment: config.environment, logger });
  const switchCapabilities = inbound
    ? new SwitchCapabilityMonitor({
        api: (command) => inbound.api(command),
        liveVersions: () => flows.live(),
        settings: { ttsEngine: config.commands.tts.engine, dialStrings: config.commands.dialStrings, callbackDialString: config.callbacks.placement.dialString },
        logger,
        registry,
        now: () => new Date(now()),
        ...(database
          ? {
              store: databaseCapabilityStore(database, {
                runtimeInstance: options.runtimeInstance ?? `${hostname()}:${process.pid}`,
                environment: config.environment === 'staging' ? 'staging' : 'production',
                switchHost: config.esl ? `${config.esl.host}:${config.esl.port}` : 'inbound',
              }),
            }
          : {}),
      })
    : null;
  if (inbound && switchCapabilities) {
    // Learn the switch again on every (re)connection (it may have restarted with other modules or queues), and
    // re-compare whenever a new version goes live; while the switch is unreachable, compare with the last answers.
    cleanups.push(inbound.onReady(() => void switchCapabilities.check()));
    cleanups.push(flows.onChange(() => void (inbound.health.state === 'ready' ? switchCapabilities.check() : switchCapabilities.recompare())));
  }
  await flows.start(deployments);
  await incidents.start(deployments);
  if (inbound?.health.state === 'ready' && switchCapabilities) void switchCapabilities.check();

  const server = new OutboundServer(
    {
      versions: flows,
      incidents,
      services: {
        queues,
        callbacks,
        analytics,
        fetch: guardedFetch({ policy: addressPolicy(config.httpRequests.allow), maxRedirects: config.httpRequests.maxRedirects }),
        maxHttpBodyBytes: config.httpRequests.maxBodyBytes,
      },
      settings: config.commands,
      fallback: config.fallback,
      clock,
      logger,
      metrics,
      environment: config.environment,
    },
    options.onCallEnded,
    config.outbound.limits,
  );
  const outboundPort = await server.listen(config.outbound.port, config.outbound.host);
  const listenHost = config.outbound.host === '0.0.0.0' || config.outbound.host === '::' ? '127.0.0.1' : config.outbound.host;
  surveySocketAddress ??= `${listenHost.includes(':') ? `[${listenHost}]` : listenHost}:${outboundPort}`;

  /** Set when `close` starts: the listener is closed at once and `/healthz` answers 503 while calls finish. */
  let draining = false;
  const health = (): HealthReport => {
    const esl = inbound?.health;
    const registryHealth = flows.health;
    const eslDown = inbound !== null && esl?.state !== 'ready';
    const switchHealth = switchCapabilities?.health ?? null;
    const switchProblems = (switchHealth?.problems.length ?? 0) > 0;
    const callbacksHealth = callbackGroups?.health() ?? null;
    const ownCallbacksStuck = callbacksHealth?.groups.some((group) => group.switchGroup === config.switchGroup && group.problem !== undefined) ?? false;
    const status = draining ? 'draining' : !registryHealth.loaded ? 'unavailable' : eslDown || !registryHealth.databaseReachable || switchProblems || ownCallbacksStuck ? 'degraded' : 'ok';
    return {
      status,
      esl: { configured: inbound !== null, state: esl?.state ?? 'off', connections: esl?.connections ?? 0, lastError: esl?.lastError },
      registry: { loaded: registryHealth.loaded, bindings: registryHealth.bindings },
      database: { reachable: registryHealth.databaseReachable, lastError: registryHealth.lastError },
      activeCalls: server.activeCalls,
      switch: switchHealth,
      callbacks: callbacksHealth,
    };
  };
  let live: LivePublisher | null = null;
  if (database && options.liveSnapshots !== false) {
    let liveQueues = queuesOfLiveFlows(flows.live());
    cleanups.push(flows.onChange(() => (liveQueues = queuesOfLiveFlows(flows.live()))));
    const publisher = startLivePublisher({
      db: database,
      instance: config.instance,
      environment: config.environment,
      calls: liveCalls,
      activeCalls: () => server.activeCalls,
      queues: () => liveQueues,
      esl: inbound ? { api: (command) => inbound.api(command), ready: () => inbound.health.state === 'ready' } : null,
      ...(options.liveSnapshots ?? {}),
      registry,
      logger,
    });
    live = publisher;
    cleanups.push(() => publisher.stop());
  }
  const operations = config.http.port === null ? null : new OperationsServer(registry, health);
  const httpPort = operations && config.http.port !== null ? await operations.listen(config.http.port, config.http.host) : null;
  logger.info({ environment: config.environment, switchGroup: config.switchGroup, outbound: `${config.outbound.host}:${outboundPort}`, http: httpPort, esl: config.esl ? `${config.esl.host}:${config.esl.port}` : 'off' }, 'runtime started');

  let closing: Promise<void> | undefined;
  return {
    config,
    outboundPort,
    httpPort,
    registry: flows,
    incidents,
    calendars: calendars ?? null,
    metrics,
    switchCapabilities,
    live,
    health,
    close: (drainMs = 0) =>
      (closing ??= (async () => {
        draining = true;
        logger.info({ activeCalls: server.activeCalls, drainMs }, 'runtime stopping: no new calls; calls in progress may finish');
        await server.close(drainMs);
        flows.close();
        incidents.close();
        await operations?.close();
        for (const cleanup of cleanups.reverse()) await cleanup();
      })()),
  };
}

/** Tells the callback service when each call ends, so a callback is never placed while its caller is still on the call. */
function noticingCallEnds(analytics: CallAnalytics, callbacks: ManagedCallbackService, logger: Logger): CallAnalytics {
  return wrapAnalytics(analytics, {
    callEnded(end) {
      analytics.callEnded(end);
      callbacks.callEnded(end.callId, end.at).catch((error: unknown) => logger.warn({ err: String(error), callId: end.callId }, 'call end not passed to callbacks'));
    },
  });
}

function unavailableVersions(): VersionSource {
  const down = () => Promise.reject(new Error('database unavailable'));
  return { liveVersions: down, liveVersion: down, flowByName: down };
}

function unavailableCallbacks(): CallbackService {
  const unavailable = async () => ({ ok: false as const, reason: 'error' as const, message: 'database unavailable' });
  return { schedule: unavailable, scheduleSurvey: unavailable, surveyCallback: async () => null, surveyAnswered: async () => Promise.reject(new Error('database unavailable')) };
}

/**
 * Standalone: `tsx src/main.ts` (configuration from the environment). SIGINT/SIGTERM stop taking calls at once and
 * let calls in progress finish for up to RUNTIME_DRAIN_SECONDS; a second signal exits at once (the switch's
 * `socket_resume` plays the dialplan fallback to calls still here).
 */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const handle = await startRuntime();
  const stop = (): void => {
    process.once('SIGINT', () => process.exit(130));
    process.once('SIGTERM', () => process.exit(130));
    void handle.close(handle.config.drainSeconds * 1000).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
