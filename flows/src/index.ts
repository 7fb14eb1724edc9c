/**
 * @switchboard/flows — the flow model: schemas, node catalog, compiler, linter and the pure interpreter.
 * No I/O, timers or clocks: it runs the same in the browser simulator and in the runtime.
 */
export * from './document/common.js';
export * from './document/schema.js';
export * from './document/parse.js';
export * from './document/migrations.js';
export * from './document/json-schema.js';
export * from './diagnostics/codes.js';
export * from './diagnostics/diagnostic.js';
export * from './diagnostics/messages.js';
export * from './diagnostics/location.js';
export * from './expressions/cel.js';
export * from './nodes/types.js';
export * from './nodes/registry.js';
export * from './compiler/compiled.js';
export * from './compiler/compile.js';
export * from './linter/subflows.js';
export * from './interpreter/effects.js';
export * from './interpreter/events.js';
export * from './interpreter/incident.js';
export * from './interpreter/state.js';
export * from './interpreter/program.js';
export * from './interpreter/interpreter.js';
export * from './interpreter/reasons.js';
export { canonicalJson } from './util/canonical-json.js';
export { CALLER_LANGUAGE } from './nodes/setVariable.js';
export { compileSchedule, nextOpening, resolveScheduleCalendars, scheduleStatusAt, type ScheduleConfig, type ScheduleStatus } from './nodes/schedule.js';
export * from './calendars/index.js';
export { assertNever } from './util/assert-never.js';
export * from "./diff.js";
export * from './simulation/index.js';
export * from './traces/index.js';
export * from './switch/index.js';
export * from './publishing/publish-windows.js';
export { isKnownTimeZone, canonicalTimeZone } from './util/time-zone.js';
export { surveyCallbackFlow, DEFAULT_CALL_BACK_OFFER } from './nodes/survey.js';
