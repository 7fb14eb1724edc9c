import { placeholdersOf } from '../diagnostics/messages.js';

/**
 * Every sentence the interpreter and the runtime say about a call — why a step left by an outlet ("pressed 2",
 * "closed: holiday Christmas Day at …"), why the call ended, the runtime's notes on an effect ("call record: …") —
 * as an English template keyed by a stable id, like the diagnostics catalog (`diagnostics/messages.ts`). The English
 * `reason` stays on the data for logs, the CLI and the database; the id and params beside it (a {@link Said}) let a
 * UI say the same in its own language (`designer/src/i18n/said-text.ts`). Ids are stable: translations are keyed by
 * them. A param may itself be a {@link Said} (the schedule's status inside "… at {{time}} {{timezone}}", a queue
 * exit reason, a weekday), rendered first. `{{detail}}`/`{{message}}`/`{{error}}` carry text from elsewhere (the
 * switch, a service, a library) in its own words.
 */
export const REASON_MESSAGES = {
  'took': 'took {{outlet}}',
  'event.pressed': 'pressed {{digits}}',
  'event.noInput': 'no input',
  'event.promptFinished': 'prompt finished',
  'event.queueStatus': 'queue status: {{waiting}} waiting, {{available}}/{{loggedIn}} agents available',
  'event.queuePosition': 'queue position {{position}}',
  'event.agentAnswered': 'agent {{agent}} answered',
  'event.someAgentAnswered': 'agent answered',
  'event.queueExit': 'queue exit: {{reason}}',
  'event.queueExitDetail': 'queue exit: {{reason}} ({{detail}})',
  'event.transfer': 'transfer {{result}}',
  'event.transferCause': 'transfer {{result}} ({{cause}})',
  'event.httpError': 'HTTP error: {{error}}',
  'event.httpStatus': 'HTTP {{status}}',
  'event.httpNoStatus': 'HTTP no status',
  'event.callbackBooked': 'callback booked',
  'event.callbackNotBooked': 'callback not booked: {{reason}}',
  'event.callbackNotBookedError': 'callback not booked: {{reason}} ({{error}})',
  'event.voicemailFinished': 'voicemail finished',
  'event.timer': 'timer {{name}}',
  'event.failed': 'failed: {{message}}',
  'event.hangup': 'caller hung up',
  'event.hangupFailure': '{{failure}}',
  'event.unknown': 'event {{type}}',

  'queueExit.answered': 'answered',
  'queueExit.timeout': 'timeout',
  'queueExit.noAgents': 'noAgents',
  'queueExit.exitKey': 'exitKey',
  'queueExit.error': 'error',
  'transfer.answered': 'answered',
  'transfer.busy': 'busy',
  'transfer.noAnswer': 'noAnswer',
  'transfer.failed': 'failed',
  'callback.alreadyScheduled': 'alreadyScheduled',
  'callback.error': 'error',

  'input.noInputOnce': 'no input after 1 try',
  'input.noInput': 'no input after {{tries}} tries',
  'input.invalidOnce': 'invalid input after 1 try',
  'input.invalid': 'invalid input after {{tries}} tries',

  'queue.noAgentsLoggedIn': 'no agents logged in',
  'queue.tooManyWaiting': '{{waiting}} callers waiting (limit {{limit}})',
  'queue.waitTooLong': 'estimated wait {{seconds}} s (limit {{limit}} s)',
  'queue.answered': 'answered from queue',
  'queue.hungUpAfterAgent': 'caller hung up after talking to an agent',
  'queue.hungUpWaiting': 'caller hung up while waiting in the queue',

  'callback.noQueue': 'no queue to call back from: the step names none and the caller has not been routed to a queue',
  'callback.booked': 'callback booked',
  'callback.joinedEarlier': 'already booked: joined the earlier callback',
  'callback.refused': 'booking refused',
  'callback.refusedError': 'booking refused: {{error}}',
  'callback.failed': 'booking failed: {{message}}',

  'condition.failed': 'branch {{branch}} failed: {{error}}',
  'condition.true': '{{expression}} is true',
  'condition.none': 'no branch is true',
  'callerRouting.onNoList': '"{{value}}" is on no list',
  'callerRouting.onList': '"{{value}}" is on list {{list}}',
  'split.bucket': 'bucket {{bucket}} of {{buckets}}',
  'hangup.rejected': 'flow rejected the call ({{cause}})',
  'hangup.ended': 'flow ended the call',
  'transfer.answeredEnd': 'transferred and answered',
  'voicemail.recorded': 'message recorded',
  'voicemail.notStarted': 'voicemail could not be started',
  'survey.declinedCallBack': 'declined the survey call-back (pressed {{keys}})',
  'survey.declinedCallBackNothing': 'declined the survey call-back (pressed nothing)',
  'survey.callBackAlreadyBooked': 'a survey call-back to this number is already booked',
  'survey.callBackNotBooked': 'survey call-back not booked',
  'survey.callBackNotBookedError': 'survey call-back not booked: {{error}}',
  'survey.callBackBooked': 'survey call-back booked',
  'survey.rated': 'rated {{score}}',
  'survey.hungUpAfterAccepting': 'caller hung up after accepting the survey call-back',
  'survey.hungUpAfterBooked': 'caller hung up after the survey call-back was booked',

  'subflow.unavailable': 'sub-flow "{{flow}}" is not available',
  'subflow.calls': 'calls sub-flow "{{flow}}"',
  'subflow.returned': 'sub-flow "{{flow}}" returned "{{outcome}}"',
  'subflow.returnedToNobody': 'flow returned "{{outcome}}" with no caller flow',
  'subflow.tooDeep': 'sub-flow "{{flow}}" not started: nested {{limit}} deep',

  'schedule.at': '{{status}} at {{time}} {{timezone}}',
  'schedule.calendarsLeftOut': '{{status}}; calendar {{calendars}} not found, left out',
  'schedule.openWeekly': 'open: {{day}} {{from}}–{{to}}',
  'schedule.openWeeklyOvernight': 'open: {{day}} {{from}}–{{toDay}} {{to}}',
  'schedule.openHolidayHours': 'open: {{holiday}} hours {{from}}–{{to}}',
  'schedule.closed': 'closed: outside opening hours',
  'schedule.holiday': 'closed: holiday {{holiday}}',
  'schedule.emergencyOverride': 'emergency: the emergency override is on',
  'schedule.emergencyFlag': 'emergency: flag "{{flag}}" is set',
  'schedule.emergencyIncident': 'emergency: an incident override is on',
  'schedule.calendarClosed': 'holiday: {{entry}}{{source}}',
  'schedule.calendarOpen': 'open: {{entry}} hours {{hours}}{{source}}',
  'schedule.calendarOutside': 'holiday: {{entry}}, open only {{hours}}{{source}}',
  'schedule.workdayOpen': 'open: make-up working day {{entry}} {{hours}}{{source}}',
  'schedule.workdayOpenAs': 'open: make-up working day {{entry}} as {{day}} {{hours}}{{source}}',
  'schedule.workdayClosed': 'closed: make-up working day {{entry}} {{hours}}{{source}}',
  'schedule.workdayClosedAs': 'closed: make-up working day {{entry}} as {{day}} {{hours}}{{source}}',
  'schedule.source': ' (calendar {{calendar}} rev {{revision}})',
  'schedule.noSource': '',
  'schedule.noHours': 'no hours',
  'weekday.0': 'Monday',
  'weekday.1': 'Tuesday',
  'weekday.2': 'Wednesday',
  'weekday.3': 'Thursday',
  'weekday.4': 'Friday',
  'weekday.5': 'Saturday',
  'weekday.6': 'Sunday',

  'outcome.selfServed': 'selfServed',
  'outcome.unresolvedInIvr': 'unresolvedInIvr',
  'outcome.rejected': 'rejected',
  'outcome.transferred': 'transferred',
  'outcome.answeredFromQueue': 'answeredFromQueue',
  'outcome.abandonedInQueue': 'abandonedInQueue',
  'outcome.callbackScheduled': 'callbackScheduled',
  'outcome.voicemail': 'voicemail',
  'outcome.callerHungUp': 'callerHungUp',
  'outcome.error': 'error',

  'end.flowUnavailable': 'flow not available',
  'end.subflowUnavailable': 'sub-flow not available',
  'end.entryNotConnected': 'the flow entry is not connected',
  'end.outletNotConnected': 'outlet "{{outlet}}" of node {{node}} is not connected',
  'end.missingNode': 'node {{node}} does not exist in flow {{flow}}',
  'end.stepBudgetEvent': 'step budget exceeded ({{limit}} steps without caller input)',
  'end.stepBudgetCall': 'step budget exceeded ({{limit}} steps in one call)',
  'end.unknownType': 'unknown node type {{type}}',
  'end.nodeFailed': 'node {{node}} failed: {{error}}',
  'end.waitingOnMissing': 'waiting on missing node {{node}}',
  'end.callerHungUp': 'caller hung up',
  'end.hungUpInAnnouncement': 'caller hung up during the incident announcement',
  'end.hungUpInVoicemail': 'caller hung up in voicemail',
  'end.subflowTooDeep': 'sub-flow "{{flow}}" not started: sub-flow calls nested {{limit}} deep ({{chain}}); node {{node}} has no failed outlet, so the call ends',

  'note.queueService': 'queue service reads {{queue}} from callcenter_config (callers waiting, agents, estimated wait)',
  'note.leaveQueue':
    'presses only while no agent has been found (cc_agent_found), again each second until the callcenter app has returned, then flushes leftover keys if it pressed more than once and unsets bridge_filter_dtmf',
  'note.queueStatusEvery': "queue service reports the caller's position every {{seconds}} s",
  'note.timerStarted': 'timer "{{name}}" fires in {{ms}} ms',
  'note.timerCancelled': 'timer "{{name}}" cancelled',
  'note.callback': 'callback service stores a callback to {{number}} for {{queue}}',
  'note.surveyCallback': 'callback service stores a survey call-back to {{number}} in {{seconds}} s after the call',
  'note.http': '{{method}} {{url}} (timeout {{ms}} ms)',
  'note.surveyAnswer': 'call record: survey question {{question}} rated {{score}}',
  'note.callRecord': 'call record: {{outcome}} ({{reason}})',
} as const;

export type ReasonId = keyof typeof REASON_MESSAGES;

/**
 * Something said about a call, by message id and values: plain JSON, stored with visits and call records. A value
 * is text, a number or another {@link Said}.
 */
export interface Said {
  id: string;
  params?: { [name: string]: string | number | Said };
}

/** A reason and its English words, to spread into a node outcome: `{ ...because('split.bucket', { bucket, buckets }) }`. */
export interface Because {
  reason: string;
  said: Said;
}

/** A {@link Said} by id from the catalog (params checked when rendered). */
export function say(id: ReasonId, params?: Said['params']): Said {
  return params === undefined ? { id } : { id, params };
}

/** A value said by id when the catalog has it (`queueExit.timeout`), else as it came (a newer switch's word). */
export function sayIfKnown(id: string, otherwise: string): Said | string {
  return id in REASON_MESSAGES ? { id } : otherwise;
}

/** The English words and the {@link Said} together. */
export function because(id: ReasonId, params?: Said['params']): Because {
  const said = say(id, params);
  return { reason: renderSaid(said), said };
}

/**
 * The English sentence of a {@link Said}, nested values first. Throws on an unknown id or a missing value, so a
 * template and its call site cannot drift apart unnoticed (the interpreter only builds them from the catalog).
 */
export function renderSaid(said: Said): string {
  const template: string | undefined = (REASON_MESSAGES as Record<string, string>)[said.id];
  if (template === undefined) throw new Error(`unknown reason message id "${said.id}"`);
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = said.params?.[name];
    if (value === undefined) throw new Error(`reason message ${said.id} needs a value for {{${name}}}`);
    return typeof value === 'object' ? renderSaid(value) : String(value);
  });
}

/** Whether a value read from storage is a {@link Said} this catalog can render (ids of newer versions are not). */
export function isSaid(value: unknown): value is Said {
  if (!value || typeof value !== 'object') return false;
  const { id, params } = value as { id?: unknown; params?: unknown };
  if (typeof id !== 'string' || !(id in REASON_MESSAGES)) return false;
  if (params === undefined) return placeholdersOf((REASON_MESSAGES as Record<string, string>)[id] as string).length === 0;
  if (!params || typeof params !== 'object') return false;
  const values = params as Record<string, unknown>;
  return placeholdersOf((REASON_MESSAGES as Record<string, string>)[id] as string).every((name) => {
    const v = values[name];
    return typeof v === 'string' || typeof v === 'number' || isSaid(v);
  });
}
