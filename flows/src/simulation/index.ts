/** Test calls on the pure interpreter: the simulated edge, saved scenarios and their runner. */
export * from './scenario.js';
export * from './scenario-names.js';
export * from './simulation.js';
export * from './survey-call-back.js';
export * from './callback-retry-policy.js';
export * from './simulated-switch.js';
export * from './run-scenario.js';
export * from './from-run.js';
export * from './transcript.js';
export { epochOfLocalTime, localTimeOf } from './local-time.js';
export { estimatedSpeakingMs } from './speaking-time.js';
export type { AgendaItem, AgendaKind } from './agenda.js';
