import { encodeHeaderValue } from '../wire/url-encode.js';
import type { Channel } from './channel.js';

/** An event as the emulator's core produces it: ordered headers and an optional body. */
export interface SwitchEvent {
  readonly name: string;
  /** `Event-Subclass` for CUSTOM events, e.g. `callcenter::info`. */
  readonly subclass: string | undefined;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: string | undefined;
  /** The channel the event is about, used by `myevents` filtering. */
  readonly channelUuid: string | undefined;
}

/** Where in FreeSWITCH's source an event is fired; reported as `Event-Calling-*`. */
export interface CallingSite {
  readonly file: string;
  readonly func: string;
  readonly line: number;
}

/** Values shared by every event of one emulated switch. */
export interface SwitchIdentity {
  readonly coreUuid: string;
  readonly hostname: string;
  readonly ipv4: string;
  readonly ipv6: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-23 11:18:09` in UTC, the form of `Event-Date-Local` and the CDR `*_stamp` variables. */
export function localStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function gmtStamp(ms: number): string {
  const d = new Date(ms);
  return `${WEEKDAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT`;
}

/** The 13 headers every event starts with (after `Event-Subclass` for CUSTOM events). */
export function commonHeaders(name: string, identity: SwitchIdentity, site: CallingSite, nowMs: number, sequence: number): Array<[string, string]> {
  return [
    ['Event-Name', name],
    ['Core-UUID', identity.coreUuid],
    ['FreeSWITCH-Hostname', identity.hostname],
    ['FreeSWITCH-Switchname', identity.hostname],
    ['FreeSWITCH-IPv4', identity.ipv4],
    ['FreeSWITCH-IPv6', identity.ipv6],
    ['Event-Date-Local', localStamp(nowMs)],
    ['Event-Date-GMT', gmtStamp(nowMs)],
    ['Event-Date-Timestamp', String(Math.floor(nowMs * 1000))],
    ['Event-Calling-File', site.file],
    ['Event-Calling-Function', site.func],
    ['Event-Calling-Line-Number', String(site.line)],
    ['Event-Sequence', String(sequence)],
  ];
}

/** `Channel-State` … `Answer-State`, then `Hangup-Cause` once the channel is hung up. */
export function channelBasicHeaders(channel: Channel): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['Channel-State', channel.state],
    ['Channel-Call-State', channel.callState],
    ['Channel-State-Number', String(channel.stateNumber)],
    ['Channel-Name', channel.name],
    ['Unique-ID', channel.uuid],
    ['Call-Direction', channel.profile.direction],
    ['Presence-Call-Direction', channel.profile.direction],
    ['Channel-HIT-Dialplan', String(channel.hitDialplan)],
    ['Channel-Call-UUID', channel.variables.get('call_uuid') ?? channel.uuid],
    ['Answer-State', channel.answerState],
  ];
  if (channel.hangupCause !== undefined) headers.push(['Hangup-Cause', channel.hangupCause]);
  return headers;
}

/** Codec headers: the loopback endpoint always runs L16 at 8 kHz. */
export function codecHeaders(): Array<[string, string]> {
  return [
    ['Channel-Read-Codec-Name', 'L16'],
    ['Channel-Read-Codec-Rate', '8000'],
    ['Channel-Read-Codec-Bit-Rate', '128000'],
    ['Channel-Write-Codec-Name', 'L16'],
    ['Channel-Write-Codec-Rate', '8000'],
    ['Channel-Write-Codec-Bit-Rate', '128000'],
  ];
}

/** The caller profile with the given prefix (`Caller-`, or `Channel-` in the outbound `connect` reply). */
export function callerProfileHeaders(channel: Channel, prefix: string): Array<[string, string]> {
  const p = channel.profile;
  const fields: Array<[string, string]> = [
    ['Direction', p.direction],
    ['Logical-Direction', p.direction],
    ['Dialplan', 'xml'],
    ...((p.cidFlipped
      ? [
          ['Caller-ID-Name', p.calleeIdName],
          ['Caller-ID-Number', p.calleeIdNumber],
          ['Orig-Caller-ID-Number', p.callerIdNumber],
          ['Callee-ID-Number', p.callerIdNumber],
        ]
      : [
          ['Caller-ID-Number', p.callerIdNumber],
          ['Orig-Caller-ID-Number', p.callerIdNumber],
          ['Callee-ID-Name', p.calleeIdName],
          ['Callee-ID-Number', p.calleeIdNumber],
        ]) as Array<[string, string]>),
    ['ANI', p.callerIdNumber],
    ['Destination-Number', p.destinationNumber],
    ['Unique-ID', channel.uuid],
    ['Source', 'mod_loopback'],
    ['Context', p.context],
    ['Channel-Name', channel.name],
    ['Profile-Index', '1'],
    ['Profile-Created-Time', String(p.createdMicros)],
    ['Channel-Created-Time', String(p.createdMicros)],
    ['Channel-Answered-Time', String(p.answeredMicros)],
    ['Channel-Progress-Time', '0'],
    ['Channel-Progress-Media-Time', '0'],
    ['Channel-Hangup-Time', String(p.hangupMicros)],
    ['Channel-Transfer-Time', '0'],
    ['Channel-Resurrect-Time', '0'],
    ['Channel-Bridged-Time', '0'],
    ['Channel-Last-Hold', '0'],
    ['Channel-Hold-Accum', '0'],
    ['Screen-Bit', 'true'],
    ['Privacy-Hide-Name', 'false'],
    ['Privacy-Hide-Number', 'false'],
  ];
  return fields.map(([name, value]) => [`${prefix}${name}`, value]);
}

/** Channel variables as `variable_<name>` headers, in the channel's order. */
export function variableHeaders(channel: Channel): Array<[string, string]> {
  return Array.from(channel.variables, ([name, value]) => [`variable_${name}`, value]);
}

/** Renders an event as a `text/event-plain` frame (Content-Length first, as FreeSWITCH writes it). */
export function renderPlainEvent(event: SwitchEvent): string {
  let body = '';
  for (const [name, value] of event.headers) body += `${name}: ${encodeHeaderValue(value)}\n`;
  if (event.body !== undefined) body += `Content-Length: ${Buffer.byteLength(event.body)}\n\n${event.body}`;
  else body += '\n';
  return `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`;
}

/** Renders an event as a `text/event-json` frame: one JSON object, no trailing newline, body under `_body`. */
export function renderJsonEvent(event: SwitchEvent): string {
  const members = event.headers.map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`);
  if (event.body !== undefined) {
    members.push(`"Content-Length":${JSON.stringify(String(Buffer.byteLength(event.body)))}`);
    members.push(`"_body":${JSON.stringify(event.body)}`);
  }
  const body = `{${members.join(',')}}`;
  return `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-json\n\n${body}`;
}
