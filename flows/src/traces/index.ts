/** Real calls as the runtime recorded them: per-visit details, the call trace, and a trace as a scenario. */
export * from './visit-detail.js';
export * from './call-trace.js';
export * from './scenario-from-trace.js';
