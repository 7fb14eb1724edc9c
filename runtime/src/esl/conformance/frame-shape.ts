import { decodeEvent } from '../event.js';
import { contentType, type EslFrame } from '../frame.js';

/** Headers whose values must match the recording exactly; all others are compared by name and position only. */
const SEMANTIC_HEADERS = new Set([
  'Content-Type',
  'Content-Disposition',
  'Event-Name',
  'Event-Subclass',
  'Application',
  'Application-Response',
  'Channel-State',
  'Channel-Call-State',
  'Answer-State',
  'Hangup-Cause',
  'DTMF-Digit',
  'CC-Action',
  'CC-Cause',
  'CC-Cancel-Reason',
  'Socket-Mode',
  'Control',
  'Linger-Time',
  'Job-Command',
  'variable_read_result',
  'variable_ivr_digit',
  'variable_cc_cancel_reason',
  'variable_cc_cause',
  'variable_originate_disposition',
  'variable_DIALSTATUS',
  'variable_originate_failed_cause',
  'variable_current_application',
  'variable_hangup_cause',
]);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** A frame reduced to what must agree with the recording: header names in order and the semantic values. */
export interface FrameShape {
  readonly headers: readonly string[];
  readonly event?: { readonly format: string; readonly headers: readonly string[]; readonly hasBody: boolean };
  readonly body?: string;
}

function describeHeader(name: string, value: string, semantic: boolean): string {
  if (name === 'Reply-Text') return `${name}: ${value.replace(UUID, '<uuid>')}`;
  return semantic && SEMANTIC_HEADERS.has(name) ? `${name}: ${value}` : name;
}

/** Reduces a frame to its comparable shape. */
export function frameShape(frame: EslFrame): FrameShape {
  const headers = frame.headers.map((header) => describeHeader(header.name, header.value, true));
  const type = contentType(frame);
  if (type === 'text/event-plain' || type === 'text/event-json') {
    const decoded = decodeEvent(frame);
    if (!decoded.ok) return { headers, body: `undecodable: ${decoded.error.message}` };
    const isSocket = decoded.event.headers.some((h) => h.name === 'Application' && h.value === 'socket');
    return {
      headers: headers.map((header) => (header.startsWith('Content-Length') ? 'Content-Length' : header)),
      event: {
        format: decoded.event.format,
        headers: decoded.event.headers.map((h) => describeHeader(h.name, h.value, !(isSocket && h.name === 'Application-Data'))),
        hasBody: decoded.event.body !== undefined,
      },
    };
  }
  const body = frame.body.toString('utf8');
  return { headers: headers.map((h) => (h.startsWith('Content-Length') ? 'Content-Length' : h)), body: bodyKind(body) };
}

/** Bodies are compared by kind: the goodbye text exactly, api output by its first token and trailing newline. */
function bodyKind(body: string): string {
  if (body.startsWith('Disconnected, goodbye.')) return body;
  if (body === '') return '';
  const firstToken = body.split(/[\s|]/)[0] ?? '';
  return `${/^[+-]/.test(firstToken) ? firstToken : /^\d+$/.test(firstToken) ? '<number>' : '<text>'}${body.endsWith('\n') ? '\\n' : ''}`;
}

/** True for CHANNEL_PARK events: the recordings show they race with `myevents` (README), so they are skipped. */
export function isRacyParkEvent(frame: EslFrame): boolean {
  if (contentType(frame) !== 'text/event-plain') return false;
  const decoded = decodeEvent(frame);
  return decoded.ok && decoded.event.name === 'CHANNEL_PARK';
}
