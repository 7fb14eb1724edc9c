import type { CallOutcome } from '@switchboard/flows';

/**
 * Outcomes the runtime records for calls the flow could not finish itself (the flow's own outcomes are
 * `CallOutcome` from `@switchboard/flows`). See the outcome taxonomy in `runtime/src/services/README.md`.
 *
 * - `fallback`: no flow could run for the call (no live binding, flow not loaded, a runtime fault); the caller got
 *   the fallback (operator transfer or apology).
 * - `shutdownDrained`: the runtime shut down and the call was still running after the drain grace period; the
 *   runtime closed its socket (the switch carries on with the dialplan's fallback).
 * - `runtimeLost`: the call was still open in the database when this runtime instance started again: the runtime
 *   that handled it stopped without closing it (killed, crashed). `ended_at` is the restart time, not the real end.
 * - `switchLost`: the connection to FreeSWITCH dropped mid-call without a hangup from the switch (switch restart,
 *   network): what happened to the caller afterwards is unknown.
 */
export type RuntimeOutcome = 'fallback' | 'shutdownDrained' | 'runtimeLost' | 'switchLost';

/** Every outcome a call record can hold. */
export type CallRecordOutcome = CallOutcome | RuntimeOutcome;

/** All call record outcomes, the flow's first (for dashboards and validation). */
export const CALL_RECORD_OUTCOMES: readonly CallRecordOutcome[] = [
  'selfServed',
  'unresolvedInIvr',
  'rejected',
  'transferred',
  'answeredFromQueue',
  'abandonedInQueue',
  'callbackScheduled',
  'voicemail',
  'callerHungUp',
  'error',
  'fallback',
  'shutdownDrained',
  'runtimeLost',
  'switchLost',
] satisfies readonly CallRecordOutcome[];
