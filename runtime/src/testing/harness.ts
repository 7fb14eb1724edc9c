import { startEmulator, type Emulator, type EmulatorOptions } from '@switchboard/esl-emulator';
import { compileFlow, parseFlowDocument, type CompiledFlow } from '@switchboard/flows';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import type { CommandObserver } from '../call/channel.js';
import { scaledClock, type RuntimeClock } from '../call/clock.js';
import { DEFAULT_FALLBACK, type FallbackSettings } from '../call/fallback.js';
import type { CallSummary } from '../call/session.js';
import type { OutboundLimits } from '../config.js';
import type { CallAnalytics } from '../services/contracts.js';
import { DEFAULT_COMMAND_SETTINGS, describeCommand } from '../freeswitch/commands.js';
import { CalendarStore } from '../registry/calendar-store.js';
import { FlowRegistry } from '../registry/registry.js';
import { RuntimeMetrics } from '../server/metrics.js';
import { OutboundServer } from '../server/outbound-server.js';
import { startTapProxy, type TappedConnection } from './tap-proxy.js';
import { FakeCalendarSource, FakeCallbackService, FakeDeploymentFeed, FakeQueueService, FakeVersionSource, RecordingAnalytics } from './fakes.js';

/** Simulated time runs this much faster than real time in integration tests (runtime and emulator alike). */
export const TIME_SCALE = 1000;

/** Test support: an example flow from `flows/examples`, compiled. */
export function exampleFlow(file: string): CompiledFlow {
  const path = fileURLToPath(new URL(`../../../flows/examples/${file}`, import.meta.url));
  const parsed = parseFlowDocument(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(`example ${file} does not parse`);
  const result = compileFlow(parsed.document);
  if (!result.compiled) throw new Error(`example ${file} does not compile`);
  return result.compiled;
}

export interface Harness {
  readonly emulator: Emulator;
  readonly server: OutboundServer;
  readonly registry: FlowRegistry;
  readonly source: FakeVersionSource;
  readonly calendarSource: FakeCalendarSource;
  readonly calendars: CalendarStore;
  readonly feed: FakeDeploymentFeed;
  readonly queues: FakeQueueService;
  readonly callbacks: FakeCallbackService;
  readonly analytics: RecordingAnalytics;
  readonly metrics: RuntimeMetrics;
  readonly summaries: CallSummary[];
  /** With `tap: true`: every proxied call connection, in the order calls connected. */
  readonly tapped: TappedConnection[];
  /** Every command written, per channel, as the wire shows it. */
  readonly commands: Map<string, string[]>;
  /** Resolves with the summary of the call on channel `uuid` once the runtime is done with it. */
  summaryOf(uuid: string): Promise<CallSummary>;
  close(): Promise<void>;
}

/**
 * Test support: a runtime (registry on fakes, outbound server, scaled clock) wired to an emulated FreeSWITCH on
 * loopback. `startAt` is the simulated wall-clock time calls start at (for schedules and holidays).
 */
export async function startHarness(
  options: {
    source?: FakeVersionSource;
    /** Shared calendars (schedules name them); notices through `feed.notifyCalendar`. */
    calendars?: FakeCalendarSource;
    startAt?: number;
    fallback?: FallbackSettings;
    emulator?: Omit<EmulatorOptions, 'outbound' | 'timeScale' | 'clock'>;
    clock?: RuntimeClock;
    fetch?: typeof fetch;
    tap?: boolean;
    /** Handshake timeout, connection cap and frame limit of the outbound server (defaults: the runtime's). */
    outboundLimits?: Partial<OutboundLimits>;
    /** The runtime's logger (for tests that read its lines); silent unless TEST_LOG_LEVEL says otherwise. */
    logger?: Logger;
    /** Analytics that also get everything recorded (the real batched writer, for tests of what is stored). */
    analytics?: CallAnalytics;
    /** Write the next prompt the moment the one playing ends (default true; see call/next-prompt.ts). */
    prepareNextPrompt?: boolean;
  } = {},
): Promise<Harness> {
  const logger = options.logger ?? pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
  const source = options.source ?? new FakeVersionSource();
  const feed = new FakeDeploymentFeed();
  const calendarSource = options.calendars ?? new FakeCalendarSource();
  const calendars = new CalendarStore({ source: calendarSource, logger, retry: { initialMs: 5, maxMs: 20 } });
  await calendars.start(feed);
  const registry = new FlowRegistry({ source, environment: 'production', logger, retry: { initialMs: 5, maxMs: 20 }, calendars });
  await registry.start(feed);
  const queues = new FakeQueueService();
  const callbacks = new FakeCallbackService();
  const analytics = new RecordingAnalytics(options.analytics);
  const metrics = new RuntimeMetrics();
  const commands = new Map<string, string[]>();
  const observer: CommandObserver = (uuid, command) => {
    const list = commands.get(uuid) ?? [];
    list.push(describeCommand(command));
    commands.set(uuid, list);
  };
  const summaries: CallSummary[] = [];
  const waiters = new Map<string, (summary: CallSummary) => void>();
  const server = new OutboundServer(
    {
      versions: registry,
      services: { queues, callbacks, analytics, fetch: options.fetch ?? fetch },
      settings: DEFAULT_COMMAND_SETTINGS,
      fallback: options.fallback ?? DEFAULT_FALLBACK,
      clock: options.clock ?? scaledClock(options.startAt ?? Date.now(), TIME_SCALE),
      logger,
      metrics,
      environment: 'production',
      observer,
      ...(options.prepareNextPrompt === undefined ? {} : { prepareNextPrompt: options.prepareNextPrompt }),
    },
    (summary) => {
      summaries.push(summary);
      waiters.get(summary.callId)?.(summary);
    },
    options.outboundLimits,
  );
  const port = await server.listen(0, '127.0.0.1');
  const tap = options.tap ? await startTapProxy({ host: '127.0.0.1', port }) : undefined;
  const emulator = await startEmulator({ ...options.emulator, outbound: { host: '127.0.0.1', port: tap?.port ?? port }, timeScale: TIME_SCALE });
  return {
    emulator,
    server,
    registry,
    source,
    calendarSource,
    calendars,
    feed,
    queues,
    callbacks,
    analytics,
    metrics,
    summaries,
    tapped: tap?.connections ?? [],
    commands,
    summaryOf: (uuid) => {
      const done = summaries.find((summary) => summary.callId === uuid);
      return done ? Promise.resolve(done) : new Promise((resolve) => waiters.set(uuid, resolve));
    },
    close: async () => {
      await emulator.close();
      await tap?.close();
      await server.close();
      registry.close();
      calendars.close();
    },
  };
}
