/** Numbers the real-switch benchmark dials: in the range the project's dialplan (freeswitch/conf) hands to a runtime. */

/** The `spin` flow (the overhead calls; the bare client answers it too, when the dialplan points at it). */
export const SPIN_NUMBER = '+15550901';
/** The `hold` flow (the capacity calls). */
export const HOLD_NUMBER = '+15550902';
