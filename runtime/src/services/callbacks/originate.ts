/**
 * Builds the `originate` for a callback and reads its outcome. Pure: no sockets.
 *
 * `originate {origination_caller_id_number=…,cc_base_score=…,…}<dial string> <target>`, where the target is
 * `&callcenter(<queue>)` (the answered callee joins the queue with the original wait as base score) or a
 * dialplan extension (`<extension> XML <context>`, which reads the queue from `sb_callback_queue`).
 * FreeSWITCH answers a `bgapi originate` with a BACKGROUND_JOB whose body is `+OK <uuid>\n` once the callee
 * answered, or `-ERR <CAUSE>\n` (`USER_BUSY`, `NO_ANSWER`, `NO_ROUTE_DESTINATION`, …; transcript 07).
 */

/** Where the answered callback goes. */
export type CallbackTarget = { kind: 'queue' } | { kind: 'extension'; extension: string; context: string };

/** How callbacks are dialled. */
export interface OriginateSettings {
  /**
   * Dial string with `{number}` (or `{destination}`, as the runtime's `DIAL_NUMBER_TEMPLATE` writes it) in place
   * of the callee, e.g. `sofia/gateway/carrier/{number}`.
   */
  dialString: string;
  target: CallbackTarget;
  /** Caller id the callee sees (the company's number); left to the switch when absent. */
  callerIdNumber?: string;
  /** Seconds the callee's phone rings before NO_ANSWER. */
  ringSeconds: number;
}

/** What the dialer knows about the callback it places. */
export interface CallbackToPlace {
  id: string;
  number: string;
  queue: string;
  originalWaitSeconds: number;
}

const SAFE_VALUE = /^[A-Za-z0-9+@._:/-]*$/;

function variable(name: string, value: string): string {
  // Values are generated here or validated at scheduling; refuse anything that could break the {…} block.
  if (!SAFE_VALUE.test(value)) throw new Error(`originate variable ${name} has unsafe characters: ${JSON.stringify(value)}`);
  return `${name}=${value}`;
}

/** The `originate` arguments (what follows `bgapi originate `) for one callback. */
export function originateArguments(callback: CallbackToPlace, settings: OriginateSettings): string {
  const variables = [
    ...(settings.callerIdNumber ? [variable('origination_caller_id_number', settings.callerIdNumber)] : []),
    variable('cc_base_score', String(Math.max(0, Math.round(callback.originalWaitSeconds)))),
    variable('originate_timeout', String(settings.ringSeconds)),
    variable('ignore_early_media', 'true'),
    variable('sb_callback_id', callback.id),
    variable('sb_callback_queue', callback.queue),
  ];
  if (!/^\+?[0-9]+$/.test(callback.number)) throw new Error(`callback number "${callback.number}" is not dialable`);
  const dial = settings.dialString.replaceAll('{number}', callback.number).replaceAll('{destination}', callback.number);
  const target = settings.target.kind === 'queue' ? `&callcenter(${callback.queue})` : `${settings.target.extension} XML ${settings.target.context}`;
  if (/\s/.test(dial) || /[\s()]/.test(callback.queue)) throw new Error('dial string and queue must not contain spaces or parentheses');
  return `{${variables.join(',')}}${dial} ${target}`;
}

/** The outcome of one originate. */
export type OriginateOutcome = { placed: true; uuid: string } | { placed: false; cause: string };

/** Reads a BACKGROUND_JOB (or api) body of `originate`. */
export function originateOutcome(body: string): OriginateOutcome {
  const line = body.trim();
  const ok = /^\+OK\s+(\S+)/.exec(line);
  if (ok?.[1]) return { placed: true, uuid: ok[1] };
  const err = /^-ERR\s+(\S+)/.exec(line);
  return { placed: false, cause: err?.[1] ?? (line.slice(0, 120) || 'EMPTY_REPLY') };
}

/** Causes that will not change by trying again: the callback fails at once. */
const PERMANENT_CAUSES = new Set(['UNALLOCATED_NUMBER', 'INVALID_NUMBER_FORMAT', 'INCOMPATIBLE_DESTINATION', 'NUMBER_CHANGED']);

export function isPermanentCause(cause: string): boolean {
  return PERMANENT_CAUSES.has(cause);
}
