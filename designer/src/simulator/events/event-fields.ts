/** One field of an event the switch (or the simulated switch) answered with, for the transcript. */
export interface EventField {
  name: string;
  value: string | number | boolean;
}

/** Fields never shown: the event's type (the line says it), its time (the line's time) and the matching `seq`. */
const HIDDEN = new Set(['type', 'at', 'seq']);

/** An event's fields, in the order it has them, for {@link EventFieldsView}. Objects are shown as JSON. */
export function eventFields(event: Readonly<Record<string, unknown>>): EventField[] {
  const fields: EventField[] = [];
  for (const [name, value] of Object.entries(event)) {
    if (HIDDEN.has(name) || value === undefined) continue;
    fields.push({ name, value: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value) });
  }
  return fields;
}

/** Field names the transcript labels in the UI language; any other is shown by its own name. */
export const KNOWN_EVENT_FIELDS = [
  'digits',
  'callersWaiting',
  'agentsLoggedIn',
  'agentsAvailable',
  'estimatedWaitSeconds',
  'position',
  'agent',
  'reason',
  'detail',
  'result',
  'cause',
  'status',
  'body',
  'error',
  'ok',
  'callbackId',
  'name',
  'message',
  'failure',
] as const;

/** Event types the transcript names in the UI language (flows' `CallEvent` and the traces' `TraceEvent`). */
export const KNOWN_EVENT_TYPES = [
  'digits',
  'noInput',
  'promptFinished',
  'queueStatus',
  'queueUpdate',
  'queueAnswered',
  'queueExit',
  'transferResult',
  'httpResult',
  'callbackResult',
  'voicemailFinished',
  'timer',
  'effectFailed',
  'hangup',
] as const;

/**
 * The message id (flows' reason catalog) a field's value is said by, when it is one of a known set of words:
 * a queue exit's reason, a transfer's result, a callback refusal's reason. Null: the value is shown as it came.
 */
export function valueMessageId(type: string, field: EventField): string | null {
  if (typeof field.value !== 'string') return null;
  if (type === 'queueExit' && field.name === 'reason') return `queueExit.${field.value}`;
  if (type === 'transferResult' && field.name === 'result') return `transfer.${field.value}`;
  if (type === 'callbackResult' && field.name === 'reason') return `callback.${field.value}`;
  return null;
}
