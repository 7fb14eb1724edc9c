/**
 * The services call handling uses (contracts in `./contracts.ts`). `main.ts` creates each once and hands them to
 * the call sessions:
 *
 * ```ts
 * const queues = createQueueService(inbound, { registry, logger });           // QueueService
 * const callbacks = createCallbackService(db, { switchGroup, registry, logger }); // CallbackService
 * const dialer = startCallbackDialer(db, inbound, { switchGroup, registry, logger, target: { kind: 'queue' } });
 * const groups = startCallbackGroupsMonitor(db, { switchGroup, dialing: () => dialer.dialing, registry }); // /healthz
 * const analytics = createCallAnalytics(db, { registry, logger });            // CallAnalytics
 * const versions = createVersionSource(db);                                   // VersionSource
 * // on shutdown: await dialer.stop(); await analytics.close(); queues.close();
 * ```
 *
 * Every factory takes an optional prom-client `Registry` for its counters (expose that registry on `/metrics`)
 * and an optional pino logger.
 */
export type * from './contracts.js';
export type { EslApi } from './metrics.js';
export { createQueueService, waitingInServiceOrder, type ManagedQueueService, type QueueServiceOptions } from './queues/queue-service.js';
export { estimateWaitSeconds } from './queues/wait-estimate.js';
export { createCallbackService, type CallbackServiceOptions, type ManagedCallbackService } from './callbacks/callback-service.js';
export { startCallbackDialer, type CallbackDialer, type CallbackDialerOptions } from './callbacks/callback-dialer.js';
export type { CallbackAnnouncement, CallbackPlacement, CallbackTarget } from './callbacks/originate.js';
export { callbackTurns, virtualWaitSeconds, type QueueView, type TurnDecision, type WaitingCallback } from './callbacks/callback-turn.js';
export {
  startCallbackGroupsMonitor,
  switchGroupCallbacks,
  DIALER_LIVE_MS,
  EMULATED_GROUP_PREFIX,
  type CallbackGroupsHealth,
  type CallbackGroupsMonitor,
  type SwitchGroupCallbacks,
  type SwitchGroupHealth,
} from './callbacks/switch-groups.js';
export type { CallbackDatabase } from './callbacks/callback-store.js';
export { closeLostCalls, createCallAnalytics, type BatchedCallAnalytics, type CallAnalyticsOptions, type LostCalls } from './analytics/call-analytics.js';
export { CALL_RECORD_OUTCOMES, type CallRecordOutcome, type RuntimeOutcome } from './analytics/outcomes.js';
export { nodeMetrics, type NodeMetrics, type NodeMetricsQuery } from './analytics/node-metrics.js';
export { createVersionSource, asCompiledFlow, UnrunnableVersionError } from './versions/version-source.js';
