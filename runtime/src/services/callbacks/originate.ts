/**
 * Builds the `originate` for a callback and reads its outcome. Pure: no sockets.
 *
 * `originate {origination_caller_id_number=…,origination_caller_id_name='…',cc_base_score=…,…}<dial string> <target>`,
 * where the target is, for a queue, an `inline` dialplan run by the answered leg:
 * `'m:^:set_profile_var:caller_id_name=Callback^set_profile_var:caller_id_number=<callee>^speak:<engine>|<voice>|<text>^callcenter:<queue>' inline`
 * — the queue member (and so the agent) shows the callee's number instead of the originate leg's
 * `Outbound Call`/`default`, the callee hears who is calling and why (when an announcement is set), then joins the
 * queue. `m:^:` makes `^` the separator so the text may contain commas; the quotes keep it one argument of
 * `originate` (FreeSWITCH removes them). Seen on FreeSWITCH 1.10.12: runtime/src/services/README.md.
 * Or a dialplan extension (`<extension> XML <context>`, which reads the queue from `sb_callback_queue`).
 * FreeSWITCH answers a `bgapi originate` with a BACKGROUND_JOB whose body is `+OK <uuid>\n` once the callee
 * answered, or `-ERR <CAUSE>\n` (`USER_BUSY`, `NO_ANSWER`, `NO_ROUTE_DESTINATION`, …; transcript 07).
 */
import { assertNever } from '@switchboard/flows';

/**
 * Where the answered callback goes: a queue (inline dialplan), a dialplan extension, or — for survey call-backs —
 * the runtime's outbound socket (`&socket(<host:port> async full)`), which runs the survey on the answered leg.
 */
export type CallbackTarget = { kind: 'queue' } | { kind: 'extension'; extension: string; context: string } | { kind: 'socket'; address: string };

/** What the callee hears once they answer, before joining the queue. */
export type CallbackAnnouncement = { kind: 'speech'; engine: string; voice: string; text: string } | { kind: 'file'; path: string };

/** How one queue's callbacks are dialled (the runtime's settings, optionally overridden per queue). */
export interface CallbackPlacement {
  /**
   * Dial string with `{destination}` (as `DIAL_NUMBER_TEMPLATE` writes it) or `{number}` in place of the callee,
   * e.g. `sofia/gateway/carrier/{destination}`.
   */
  dialString: string;
  /** Caller id the callee sees (the company's number); left to the switch when null. */
  callerIdNumber: string | null;
  /** Caller id name the callee sees; left to the switch when null. */
  callerIdName: string | null;
  /** Played to the answered callee before `callcenter`; null joins the queue at once. */
  announcement: CallbackAnnouncement | null;
}

/** How callbacks are dialled. */
export interface OriginateSettings extends CallbackPlacement {
  target: CallbackTarget;
  /** Seconds the callee's phone rings before NO_ANSWER. */
  ringSeconds: number;
}

/** What the dialer knows about the callback it places. */
export interface CallbackToPlace {
  id: string;
  number: string;
  queue: string;
  /** The score the callee joins the queue with: the seconds the caller would have waited by now. */
  baseScoreSeconds: number;
  /** Set for survey call-backs (`sb_callback_purpose=survey`, which the runtime's session looks for). */
  purpose?: 'queue' | 'survey';
}

/** The caller id name a callback shows in the queue (agents see it with the callee's number). */
export const CALLBACK_MEMBER_NAME = 'Callback';

const SAFE_VALUE = /^[A-Za-z0-9+@._:/-]*$/;
/** Caller id names and spoken text: no quote, brace, comma-in-block, separator, escape or `$` (variable expansion). */
const SAFE_TEXT = /^[A-Za-z0-9 .,;:!?&()+@/-]*$/;
const SAFE_NAME = /^[A-Za-z0-9 .&+@/-]*$/;

/** Why a caller id name cannot be sent to the switch, or null when it can. */
export function callerIdNameProblem(name: string): string | null {
  return SAFE_NAME.test(name) && name.trim() !== '' ? null : `caller id name ${JSON.stringify(name)} may hold only letters, digits, spaces and . & + @ / -`;
}

/** Why an announcement text cannot be spoken through `inline`, or null when it can. */
export function announcementTextProblem(text: string): string | null {
  return SAFE_TEXT.test(text) && text.trim() !== '' ? null : `announcement ${JSON.stringify(text)} may hold only letters, digits, spaces and . , ; : ! ? & ( ) + @ / -`;
}

function variable(name: string, value: string): string {
  // Values are generated here or validated at configuration; refuse anything that could break the {…} block.
  if (!SAFE_VALUE.test(value)) throw new Error(`originate variable ${name} has unsafe characters: ${JSON.stringify(value)}`);
  return `${name}=${value}`;
}

function announcementApp(announcement: CallbackAnnouncement): string {
  switch (announcement.kind) {
    case 'speech': {
      const problem = announcementTextProblem(announcement.text);
      if (problem) throw new Error(problem);
      if (!SAFE_VALUE.test(announcement.engine) || !SAFE_VALUE.test(announcement.voice)) throw new Error('TTS engine and voice must be plain names');
      return `speak:${announcement.engine}|${announcement.voice}|${announcement.text}`;
    }
    case 'file':
      if (!SAFE_VALUE.test(announcement.path)) throw new Error(`announcement file ${JSON.stringify(announcement.path)} has unsafe characters`);
      return `playback:${announcement.path}`;
    default:
      return assertNever(announcement);
  }
}

function targetOf(callback: CallbackToPlace, settings: OriginateSettings): string {
  const target = settings.target;
  switch (target.kind) {
    case 'queue': {
      const apps = [
        `set_profile_var:caller_id_name=${CALLBACK_MEMBER_NAME}`,
        `set_profile_var:caller_id_number=${callback.number}`,
        ...(settings.announcement ? [announcementApp(settings.announcement)] : []),
        `callcenter:${callback.queue}`,
      ];
      return `'m:^:${apps.join('^')}' inline`;
    }
    case 'extension':
      return `${target.extension} XML ${target.context}`;
    case 'socket':
      if (!/^[A-Za-z0-9.:[\]-]+:[0-9]+$/.test(target.address)) throw new Error(`survey call-back socket address ${JSON.stringify(target.address)} is not host:port`);
      // Quoted: the app's argument has spaces and must stay one argument of originate.
      return `'&socket(${target.address} async full)'`;
    default:
      return assertNever(target);
  }
}

/** The `originate` arguments (what follows `bgapi originate `) for one callback. */
export function originateArguments(callback: CallbackToPlace, settings: OriginateSettings): string {
  if (settings.callerIdName !== null) {
    const problem = callerIdNameProblem(settings.callerIdName);
    if (problem) throw new Error(problem);
  }
  const variables = [
    ...(settings.callerIdNumber ? [variable('origination_caller_id_number', settings.callerIdNumber)] : []),
    // Quoted so the spaces stay inside originate's first argument; FreeSWITCH removes the quotes.
    ...(settings.callerIdName ? [`origination_caller_id_name='${settings.callerIdName}'`] : []),
    variable('cc_base_score', String(Math.max(0, Math.round(callback.baseScoreSeconds)))),
    variable('originate_timeout', String(settings.ringSeconds)),
    variable('ignore_early_media', 'true'),
    variable('sb_callback_id', callback.id),
    variable('sb_callback_queue', callback.queue),
    ...(callback.purpose === 'survey' ? [variable('sb_callback_purpose', 'survey')] : []),
  ];
  if (!/^\+?[0-9]+$/.test(callback.number)) throw new Error(`callback number "${callback.number}" is not dialable`);
  const dial = settings.dialString.replaceAll('{number}', callback.number).replaceAll('{destination}', callback.number);
  if (/\s/.test(dial) || /[\s()'^]/.test(callback.queue)) throw new Error('dial string and queue must not contain spaces, quotes or parentheses');
  return `{${variables.join(',')}}${dial} ${targetOf(callback, settings)}`;
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
