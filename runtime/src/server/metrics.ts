import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Where an ESL inbound connection's health comes from (InboundClient, or nothing when none is configured). */
export interface EslHealthSource {
  readonly health: { readonly state: string; readonly connections: number };
}

/** Pending latencies are handed to the histogram once this many have piled up between scrapes (after the I/O at hand). */
const LATENCY_FOLD_AT = 1024;

/**
 * The runtime's Prometheus metrics, on their own registry (several runtimes may share a process in tests; the
 * services register theirs on the same registry).
 *
 * The two that move on every prompt — effect latency and node visits — are counted on the call path in plain maps
 * and arrays ({@link recordEffectLatency}, {@link recordNodeVisit}) and handed to prom-client when `/metrics` is
 * scraped: prom-client validates and hashes the labels on every `observe`/`inc`, which was the largest cost outside
 * `esl/` between a completion arriving and the next command leaving.
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
  /** Commands written ahead of the flow (the next prompt) that it then did not ask for: 0 unless there is a defect. */
  readonly mispredictedCommands: Counter;
  readonly eslConnectionsRefused: Counter;
  readonly eslConnectionsClosed: Counter<'reason'>;
  /** Latencies (s) not yet in {@link effectLatency}, by effect kind. */
  private readonly pendingLatencies = new Map<string, number[]>();
  private pendingLatencyCount = 0;
  private latencyFoldScheduled = false;
  /** Visits not yet in {@link nodeVisits}: flow → node → count. */
  private readonly pendingVisits = new Map<string, Map<string, number>>();

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
    this.nodeVisits = new Counter({ name: 'switchboard_node_visits_total', help: 'Node entries, by flow and node', labelNames: ['flow', 'node'], registers, collect: () => this.foldVisits() });
    this.effectLatency = new Histogram({
      name: 'switchboard_effect_latency_seconds',
      help: 'From sending an effect to the switch (or a service) to its answer reaching the flow, by effect kind',
      labelNames: ['effect'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
      collect: () => this.foldLatencies(),
    });
    this.fallbacks = new Counter({ name: 'switchboard_fallbacks_total', help: 'Calls sent to the fallback (no binding, internal error, versions unavailable)', labelNames: ['reason'], registers });
    this.refusedCommands = new Counter({ name: 'switchboard_refused_commands_total', help: 'Commands not sent because the caller had already hung up', registers });
    this.mispredictedCommands = new Counter({ name: 'switchboard_mispredicted_commands_total', help: 'Next-prompt commands written ahead that the flow did not then ask for (a defect)', registers });
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

  /** An awaited effect's answer reached the flow `seconds` after the effect was sent. */
  recordEffectLatency(effect: string, seconds: number): void {
    let latencies = this.pendingLatencies.get(effect);
    if (!latencies) {
      latencies = [];
      this.pendingLatencies.set(effect, latencies);
    }
    latencies.push(seconds);
    // Bounded when nobody scrapes: fold after the I/O being handled, not on the call path.
    if (++this.pendingLatencyCount >= LATENCY_FOLD_AT && !this.latencyFoldScheduled) {
      this.latencyFoldScheduled = true;
      setImmediate(() => this.foldLatencies());
    }
  }

  /** The flow entered `node` of `flow`. */
  recordNodeVisit(flow: string, node: string): void {
    let nodes = this.pendingVisits.get(flow);
    if (!nodes) {
      nodes = new Map();
      this.pendingVisits.set(flow, nodes);
    }
    nodes.set(node, (nodes.get(node) ?? 0) + 1);
  }

  private foldLatencies(): void {
    this.latencyFoldScheduled = false;
    this.pendingLatencyCount = 0;
    for (const [effect, latencies] of this.pendingLatencies) {
      for (const seconds of latencies) this.effectLatency.observe({ effect }, seconds);
      latencies.length = 0;
    }
  }

  private foldVisits(): void {
    for (const [flow, nodes] of this.pendingVisits) {
      for (const [node, count] of nodes) this.nodeVisits.inc({ flow, node }, count);
    }
    this.pendingVisits.clear();
  }
}
