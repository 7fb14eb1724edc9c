import type { Logger } from 'pino';
import { systemClock } from '../src/call/clock.js';
import { DEFAULT_FALLBACK } from '../src/call/fallback.js';
import type { SessionDependencies, VersionLookup } from '../src/call/session.js';
import { DEFAULT_COMMAND_SETTINGS } from '../src/freeswitch/commands.js';
import { RuntimeMetrics } from '../src/server/metrics.js';
import { FakeCallbackService, FakeQueueService } from '../src/testing/fakes.js';

/**
 * What a call session needs in the benchmarks: the real clock, settings and metrics, fake queues and callbacks, and
 * analytics that record nothing, so the figures are the session's own work.
 */
export function benchSessionDependencies(versions: VersionLookup, logger: Logger): SessionDependencies {
  return {
    versions,
    services: { queues: new FakeQueueService(), callbacks: new FakeCallbackService(), analytics: { callStarted: () => undefined, nodeVisited: () => undefined, queueWaited: () => undefined, surveyAnswered: () => undefined, callEnded: () => undefined }, fetch },
    settings: DEFAULT_COMMAND_SETTINGS,
    fallback: DEFAULT_FALLBACK,
    clock: systemClock,
    logger,
    metrics: new RuntimeMetrics(),
    environment: 'production',
  };
}
