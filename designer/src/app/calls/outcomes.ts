/** Outcomes a call record can hold (the flow's, then the runtime's own; taxonomy in runtime/src/services/README.md). */
export const CALL_OUTCOMES = [
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
] as const;
