/**
 * @switchboard/runtime — call handling for FreeSWITCH: `startRuntime()` (outbound socket server, flow registry
 * with hot swap, services, `/metrics` and `/healthz`) and the pure effect → command mapping the simulator shows.
 */
export { startRuntime, type RuntimeHandle, type RuntimeOptions } from './main.js';
export { loadConfig, ConfigError, type RuntimeConfig } from './config.js';
export { commandsForEffect, describeCommand, DEFAULT_COMMAND_SETTINGS, type CommandSettings, type EffectCommands, type SwitchCommand } from './freeswitch/commands.js';
export { closeLostCalls, createCallAnalytics, type BatchedCallAnalytics } from './services/index.js';
export { FlowRegistry, type PinnedVersion, type RegistryHealth } from './registry/registry.js';
export { CalendarStore, type CalendarSnapshot } from './registry/calendar-store.js';
export { systemClock, scaledClock, type RuntimeClock } from './call/clock.js';
export { DEFAULT_FALLBACK, type FallbackSettings } from './call/fallback.js';
export type { CallSummary } from './call/session.js';
export type { HealthReport } from './server/http-server.js';
export { SwitchCapabilityMonitor, type LiveFlowProblem, type SwitchHealth } from './capabilities/capability-monitor.js';
