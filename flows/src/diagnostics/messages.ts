import type { DiagnosticCode } from './codes.js';

/**
 * Every sentence a diagnostic can say, by stable message id (`<code>.<name>`), as an English template with
 * `{{param}}` placeholders. `DiagnosticSink.report` renders `message` (and a specific `hint`) from here, so the
 * English exists once and the designer can translate by id with the same params (`diagnostics.messages.<id>`).
 * Ids are stable: translations are keyed by them. `{{detail}}` carries text from a library (zod, CEL, RegExp,
 * JSON) that arrives in its own words; `{{nodeType}}` is a node type (`menu`), which a UI may show by its title.
 */
export const DIAGNOSTIC_MESSAGES = {
  'SB001.notAnObject': 'a flow document must be a JSON object',
  'SB001.unknownNodeType': 'unknown node type; expected one of {{types}}',
  'SB001.schema': '{{detail}}',
  'SB001.duplicateFileName': 'two files are both named "{{name}}"',
  'SB002.versionNotInteger': 'schemaVersion must be an integer',
  'SB002.versionTooNew': 'schemaVersion {{version}} is newer than this Switchboard understands ({{supported}})',
  'SB002.noMigration': 'no migration from schemaVersion {{from}} to {{to}}',
  'SB003.duplicateNodeId': 'node id "{{node}}" is used more than once',
  'SB004.missingSource': 'edge {{edge}} leaves from missing node "{{node}}"',
  'SB004.missingTarget': 'edge {{edge}} leads to missing node "{{node}}"',
  'SB005.unknownOutlet': 'node {{node}} has no outlet "{{outlet}}" (outlets: {{outlets}})',
  'SB006.twoEdges': 'outlet "{{outlet}}" of node {{node}} has more than one edge',
  'SB007.startCount': 'flow has {{starts}} start nodes; it needs exactly one',
  'SB008.intoStart': 'edge {{edge}} leads back into the start node',
  'SB009.duplicateEdgeId': 'edge id "{{edge}}" is used more than once',
  'SB010.unknownField': 'unknown field "{{field}}" is ignored',
  'SB011.duplicateName': 'scenario name "{{name}}" is already used by {{earlier}}',
  'SB012.tooDeep': 'nested deeper than {{max}} levels of objects and arrays, the most a flow document may have',
  'SB060.languageNotOffered': 'the caller\'s language is set to "{{language}}", which the flow does not offer ({{languages}}); it stays unchanged',

  'SB101.tooManyOptions': 'menu has {{options}} options; callers remember 3–4',
  'SB102.tooDeep': 'menu {{node}} is at level {{level}}; keep menus to {{max}} levels',
  'SB103.duplicateDigit': 'digit {{digit}} is used by options {{first}} and {{second}}',
  'SB104.noAgent': 'no option of menu {{node}} leads to an agent',
  'SB105.noOptions': 'menu has no options',
  'SB106.callbackIsLeaveKey': 'key {{key}} is both the callback key and the leave key',
  'SB110.digitRange': 'at least {{min}} digits but at most {{max}} can never be met',
  'SB111.pattern': '{{detail}}',
  'SB112.notStored': 'the digits the caller types are not stored in any variable',
  'SB120.unknownTimezone': '"{{timezone}}" is not an IANA time zone',
  'SB121.openNotTime': '"{{open}}" is not a time of day (00:00–23:59)',
  'SB121.closeNotTime': '"{{close}}" is not a time of day (00:00–24:00)',
  'SB121.opensAt24': "opening at 24:00 is the next day's 00:00; write 00:00 on the next day",
  'SB121.opensWhenCloses': 'opens and closes at {{open}}; for the whole day write 00:00–24:00',
  'SB121.holidayClosesBeforeOpen': 'closes at {{close}}, before it opens at {{open}}; holiday hours end by 24:00',
  'SB122.notADate': '"{{date}}" is not a calendar date',
  'SB122.listedTwice': '{{date}} is listed twice ({{first}} and {{second}}); the first one applies',
  'SB123.emergencyOverride': 'the emergency override is on: every call takes the emergency route',
  'SB123.noWeeklyHours': 'no weekly opening hours: outside holiday hours every call takes the closed route',
  'SB124.overlap': '{{range}} overlaps {{other}}',
  'SB125.schema': '{{detail}}',
  'SB126.notADate': '"{{date}}" is not a calendar date',
  'SB126.writtenDifferently': '"{{until}}" must be written like "{{date}}": both with a year (once) or both without (every year)',
  'SB126.endsBeforeStart': '"{{entry}}" ends ({{until}}) before it starts ({{date}})',
  'SB127.openNotTime': '"{{open}}" is not a time of day (00:00–23:59)',
  'SB127.closeNotTime': '"{{close}}" is not a time of day (00:00–24:00)',
  'SB127.closesBeforeOpen': "closes at {{close}}, not after it opens at {{open}}; a calendar day's hours end by 24:00",
  'SB128.sameDay': '"{{second}}" and "{{first}}" both cover {{day}}; "{{winner}}" applies',
  'SB129.unknownTimezone': '"{{timezone}}" is not an IANA time zone',
  'SB130.syntax': '{{detail}}',
  'SB131.unknownVariable': '{{detail}}',
  'SB132.type': '{{detail}}',
  'SB132.assignString': 'string variable "{{variable}}" needs a string, the expression gives {{actual}}',
  'SB132.assignInteger': 'integer variable "{{variable}}" needs an int, the expression gives {{actual}}',
  'SB132.assignNumber': 'number variable "{{variable}}" needs a number, the expression gives {{actual}}',
  'SB132.assignBoolean': 'boolean variable "{{variable}}" needs true or false, the expression gives {{actual}}',
  'SB132.conditionNotBoolean': 'branch "{{branch}}" gives {{actual}}, not true or false',
  'SB132.statusVariableBoolean': 'the HTTP status is a number; "{{variable}}" is boolean',
  'SB132.digitsVariable': 'digits are stored as text (keeping leading zeros); "{{variable}}" is {{type}}, not string',
  'SB133.undeclaredPlaceholder': '{{placeholder}} is not a declared variable',
  'SB134.undeclaredVariable': '"{{variable}}" is not a declared variable',
  'SB135.weekdayAndHours': '"{{entry}}" has both a weekday ({{weekday}}) and its own hours; keep one',
  'SB135.neitherWeekdayNorHours': '"{{entry}}" says neither which weekday\'s hours apply (as) nor its own hours',
  'SB136.tooManyDays': '"{{entry}}" covers {{days}} days; an entry may cover at most {{max}}',
  'SB137.noEntries': 'calendar "{{calendar}}" has no entries: it changes nothing',
  'SB138.listedTwice': 'calendar "{{calendar}}" is listed twice; the first listing decides its priority',
  'SB139.leapDay': '"{{entry}}" on 02-29 applies only in leap years (2028, 2032, …); in other years no day takes its place',
  'SB140.tooManyDecimals': '{{percent}}% has more than two decimals',
  'SB140.noBranches': 'split has no branches',
  'SB140.total': 'percentages add up to {{total}}%, not 100%',
  'SB141.reservedDefault': 'branch key "{{key}}" is reserved for the Default outlet',
  'SB141.duplicateKey': 'branch key "{{key}}" is used by branches {{first}} and {{second}}',
  'SB141.reservedListKey': 'list key "{{key}}" is taken by the outlet for callers on no list',
  'SB141.duplicateListKey': 'list key "{{key}}" is used by lists {{first}} and {{second}}',
  'SB142.notANumber': '"{{number}}" is not a phone number',
  'SB142.notAPrefix': '"{{prefix}}" is not a number prefix',
  'SB143.emptyList': 'list "{{list}}" has no numbers or prefixes; no caller will match it',
  'SB143.noLists': 'caller routing has no lists; every call leaves by "default"',
  'SB144.noChannelVariable': 'caller routing matches a channel variable but names none',
  'SB150.noOverflowRoute': 'queue has no overflow route: callers wait until an agent answers or they hang up',
  'SB151.emptyQueueName': 'queue name is empty',
  'SB151.queueName': '"{{queue}}" is not a queue name such as support@default',
  'SB151.skillName': '"{{skill}}" is not a skill name (letters, digits, ".", "_", "-")',
  'SB151.skillTwice': 'skill "{{skill}}" is listed twice',
  'SB151.announcementsEmpty': 'announcements are on but have no message; add one or turn them off',
  'SB151.callbackOfferWithoutKey': 'the callback offer names a key, but no callback key is set',
  'SB151.leaveOfferWithoutKey': 'the leave offer names a key, but no leave key is set',
  'SB151.announcementsTooRare': 'announcements every {{every}} s but callers overflow after {{maxWait}} s; they would hear at most the first one',
  'SB151.callbackKeyUnannounced': 'callback key {{key}} is never announced, so callers will not know about it; add a callback offer to the announcements',
  'SB151.leaveKeyUnannounced': 'leave key {{key}} is never announced, so callers will not know about it; add a leave offer to the announcements',
  'SB160.queueName': '"{{queue}}" is not a queue name such as support@default',
  'SB160.digitRange': 'at least {{min}} digits but at most {{max}}',
  'SB160.changeKeyIsConfirmKey': 'key {{key}} both confirms and changes the number',
  'SB160.declineKeyTaken': 'key {{key}} is already used to confirm or change the number',
  'SB160.unknownTimezone': 'unknown time zone "{{timezone}}"; use an IANA zone such as Europe/London',
  'SB160.windowEndsBeforeStart': 'the callback window ends ({{end}}) before it starts ({{start}})',
  'SB160.windowWithoutDays': 'the callback window has no days, so no callback could ever be placed',
  'SB170.invalidExtension': '"{{value}}" is not an extension of 2–10 digits, e.g. 2001',
  'SB170.invalidNumber': '"{{value}}" is not an E.164 number, e.g. +442071234567',
  'SB170.invalidSipUri': '"{{value}}" is not a SIP URI, e.g. sip:support@pbx.example.com',
  'SB170.invalidCallerId': 'caller id "{{number}}" must be digits with an optional leading +',
  'SB180.invalidUrl': '"{{url}}" is not an absolute http or https URL',
  'SB180.invalidHeaderName': '"{{header}}" is not a valid HTTP header name',
  'SB180.bodyWithGet': 'a GET request has no body; use POST or PUT, or move the values into the URL',
  'SB180.bodyNotJson': 'body is not JSON: {{detail}}',
  'SB180.invalidJsonPath': '"{{path}}" is not a JSON path like data.customer.tier or items[0].id',
  'SB190.failedIsReserved': '"{{outcome}}" is always an outlet of a sub-flow node; name the outcome differently',
  'SB190.outcomeTwice': 'outcome "{{outcome}}" is listed twice',
  'SB191.outcomeNotListed': 'sub-flow "{{callee}}" can return "{{outcome}}", which sub-flow node {{node}} of "{{flow}}" does not list',
  'SB191.outcomeNotListedHint': 'Add "{{outcome}}" to the node\'s outcomes, or change the sub-flow\'s Return node.',

  'SB201.unreachable': '{{nodeType}} node {{node}} cannot be reached from start',
  'SB202.unconnected': 'outlet "{{outlet}}" of {{nodeType}} node {{node}} is not connected',
  'SB203.loopWithoutExit': 'nodes {{nodes}} form a loop with no way out',
  'SB204.missingLanguage': 'no {{language}} text for this prompt',
  'SB205.emptyPrompt': 'prompt has neither text nor an audio file',
  'SB206.builtInName': '"{{variable}}" is a built-in name and cannot be declared',
  'SB206.declaredTwice': 'variable "{{variable}}" is declared twice',
  'SB207.callbackWithoutQueue': 'callback node {{node}} has no queue, and callers can reach it without passing a Queue step: their bookings would fail',

  'SB301.cycle': 'sub-flows call each other in a cycle: {{cycle}}',
  'SB301.cycleHint': 'Break the cycle {{cycle}}: change or remove the Sub-flow node in one of these flows. A call into it would never end.',
  'SB302.missingSubflow': 'flow "{{flow}}" calls sub-flow "{{callee}}", which does not exist',
  'SB303.callsItself': 'sub-flow node {{node}} calls its own flow "{{flow}}" ({{cycle}})',
  'SB303.callsItselfHint': 'Break the cycle {{cycle}}: a call into the same flow never ends. To start over, connect an edge back to an earlier node instead.',
  'SB304.missingCalendar': 'schedule {{node}} refers to calendar "{{calendar}}", which does not exist',
  'SB305.timezoneMismatch': 'schedule {{node}} runs in {{zone}} but calendar "{{calendar}}" is in {{calendarZone}}: its days start at midnight {{calendarZone}}',

  'SB400.questionWithoutKeys': 'the question does not tell callers the keys to press (1 to 5)',
  'SB400.secondQuestionWithoutKeys': 'the second question does not tell callers the keys to press (1 to 5)',
  'SB401.retryWithoutPrompt': 'a caller who presses 0 or waits hears the same question again with no word of why',
  'SB402.offerWithoutKey': 'the call-back offer does not tell callers to press {{key}} to accept',
} as const satisfies Record<`${DiagnosticCode}.${string}`, string>;

/** A stable message id such as `SB141.duplicateKey`. */
export type DiagnosticMessageId = keyof typeof DIAGNOSTIC_MESSAGES;

type PlaceholdersOf<Template extends string> = Template extends `${string}{{${infer Name}}}${infer Rest}` ? Name | PlaceholdersOf<Rest> : never;

/** A value filled into a message: names, counts, keys. */
export type MessageParam = string | number;

/** The values a message's template needs, exactly its placeholders: `{ key, first, second }` for `SB141.duplicateKey`. */
export type DiagnosticMessageParams<Id extends DiagnosticMessageId> = { readonly [Name in PlaceholdersOf<(typeof DIAGNOSTIC_MESSAGES)[Id]>]: MessageParam };

/** Message ids that need no values, for messages fixed in advance (an outlet's "left unconnected" warning). */
export type FixedDiagnosticMessageId = { [Id in DiagnosticMessageId]: PlaceholdersOf<(typeof DIAGNOSTIC_MESSAGES)[Id]> extends never ? Id : never }[DiagnosticMessageId];

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** The placeholder names of a template, in order of appearance, each once. */
export function placeholdersOf(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1] as string))];
}

/** The code a message belongs to: `SB141.duplicateKey` → `SB141`. */
export function codeOfMessage(id: DiagnosticMessageId): DiagnosticCode {
  return id.slice(0, id.indexOf('.')) as DiagnosticCode;
}

/**
 * The English sentence of a message with its values filled in. Throws when a value is missing, so a template
 * and its call site cannot drift apart unnoticed.
 */
export function renderDiagnosticMessage(id: DiagnosticMessageId, params: Readonly<Record<string, MessageParam>>): string {
  const template: string = DIAGNOSTIC_MESSAGES[id];
  if (template === undefined) throw new Error(`unknown diagnostic message id "${id}"`);
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`diagnostic message ${id} needs a value for {{${name}}}`);
    return String(value);
  });
}
