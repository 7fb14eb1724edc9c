import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Where an ESL inbound connection's health comes from (InboundClient, or nothing when none is configured). */
export interface EslHealthSource {
  readonly health: { readonly state: string; readonly connections: number };
}

/**
 * The runtime's Prometheus metrics, on their own registry (several runtimes may share a process in tests; the
 * services register theirs on the same registry).
 */
export class RuntimeMetrics {
  readonly registry: Registry;
  readonly activeCalls: Gauge;
  readonly callsStarted: Counter<'environment'>;
  readonly callsEnded: Counter<'outcome'>;
  readonly nodeVisits: Counter<'flow' | 'node'>;
  readonly effectLatency: Histogram<'effect'>;
  readonly fallbacks: Counter<'reason'>;
  readonly refusedCommands: Counter;
  readonly eslConnectionsRefused: Counter;
  readonly eslConnectionsClosed: Counter<'reason'>;

  constructor(options: { registry?: Registry; esl?: () => EslHealthSource | undefined; defaultMetrics?: boolean } = {}) {
    const registry = options.registry ?? new Registry();
    this.registry = registry;
    const registers = [registry];
    if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
    this.activeCalls = new Gauge({ name: 'switchboard_active_calls', help: 'Calls the runtime is handling now', registers });
    this.callsStarted = new Counter({ name: 'switchboard_calls_started_total', help: 'Calls handed to the runtime by FreeSWITCH', labelNames: ['environment'], registers });
    this.callsEnded = new Counter({
      name: 'switchboard_calls_ended_total',
      help: 'Calls that ended, by call record outcome (selfServed, unresolvedInIvr, rejected, transferred, answeredFromQueue, abandonedInQueue, callbackScheduled, voicemail, callerHungUp, error, fallback, shutdownDrained, switchLost)',
      labelNames: ['outcome'],
      registers,
    });
    this.nodeVisits = new Counter({ name: 'switchboard_node_visits_total', help: 'Node entries, by flow and node', labelNames: ['flow', 'node'], registers });
    this.effectLatency = new Histogram({
      name: 'switchboard_effect_latency_seconds',
      help: 'From sending an effect to the switch (or a service) to its answer reaching the flow, by effect kind',
      labelNames: ['effect'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    });
    this.fallbacks = new Counter({ name: 'switchboard_fallbacks_total', help: 'Calls sent to the fallback (no binding, internal error, versions unavailable)', labelNames: ['reason'], registers });
    this.refusedCommands = new Counter({ name: 'switchboard_refused_commands_total', help: 'Commands not sent because the caller had already hung up', registers });
    this.eslConnectionsRefused = new Counter({
      name: 'switchboard_esl_connections_refused_total',
      help: 'Outbound ESL connections closed on arrival because ESL_MAX_CONNECTIONS were open',
      registers,
    });
    this.eslConnectionsClosed = new Counter({
      name: 'switchboard_esl_connections_closed_total',
      help: 'Outbound ESL connections the runtime closed on the peer, by reason (handshakeTimeout, protocolError: oversize or malformed frame)',
      labelNames: ['reason'],
      registers,
    });
    const esl = options.esl;
    new Gauge({
      name: 'switchboard_esl_reconnects',
      help: 'Times the inbound ESL connection to FreeSWITCH was re-established since start',
      registers,
      collect() {
        const connections = esl?.()?.health.connections ?? 0;
        this.set(Math.max(0, connections - 1));
      },
    });
    new Gauge({
      name: 'switchboard_esl_connected',
      help: '1 while the inbound ESL connection is up',
      registers,
      collect() {
        this.set(esl?.()?.health.state === 'ready' ? 1 : 0);
      },
    });
  }
}
