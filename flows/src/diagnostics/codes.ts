import type { Severity } from './diagnostic.js';

interface CodeEntry {
  severity: Severity;
  title: string;
  hint?: string;
}

/**
 * The diagnostic catalog. Codes are stable: tools and docs refer to them. SB0xx are document structure,
 * SB1xx node settings, SB2xx graph/best-practice lint, SB3xx cross-flow checks, SB4xx satisfaction surveys.
 */
export const DIAGNOSTIC_CODES = {
  SB001: { severity: 'error', title: 'document does not match the flow schema', hint: 'Fix the field named in the path.' },
  SB002: { severity: 'error', title: 'unsupported schemaVersion', hint: 'Export the flow again from a current Switchboard.' },
  SB003: { severity: 'error', title: 'duplicate node id', hint: 'Give every node its own id.' },
  SB004: { severity: 'error', title: 'edge refers to a missing node', hint: 'Delete the edge or reconnect it.' },
  SB005: { severity: 'error', title: 'edge leaves from an outlet the node does not have', hint: 'Reconnect the edge to one of the node\'s outlets.' },
  SB006: { severity: 'error', title: 'outlet connected twice', hint: 'An outlet leads to exactly one next step; delete one of the edges.' },
  SB007: { severity: 'error', title: 'flow needs exactly one start node', hint: 'Keep one Start node.' },
  SB008: { severity: 'error', title: 'edge enters the start node', hint: 'Nothing can lead back to Start; connect to the first real step instead.' },
  SB009: { severity: 'error', title: 'duplicate edge id', hint: 'Give every edge its own id.' },
  SB010: { severity: 'warning', title: 'unknown field is ignored', hint: 'Check the spelling; the field is not part of this node type or of the document.' },
  SB011: { severity: 'error', title: 'duplicate scenario name', hint: 'Give every scenario its own name: results, runs and saves find a scenario by it.' },
  SB012: { severity: 'error', title: 'document nested too deeply', hint: 'A flow document nests a few levels deep; remove the deeply nested value at the path.' },
  SB060: { severity: 'warning', title: 'language the flow does not offer', hint: 'Choose one of the languages in the flow settings, or add this language there and give every prompt its text.' },

  SB101: { severity: 'warning', title: 'menu has too many options', hint: 'Callers remember 3–4 options; split the menu or move rare options to a second level.' },
  SB102: { severity: 'warning', title: 'menus nested too deep', hint: 'Keep menus to 2 levels; deeper trees lose callers.' },
  SB103: { severity: 'error', title: 'digit used twice in one menu', hint: 'Each key leads to one option.' },
  SB104: { severity: 'warning', title: 'menu offers no way to reach a person', hint: 'Add "0 for an agent" leading to a queue or transfer.' },
  SB105: { severity: 'error', title: 'menu has no options', hint: 'Add at least one option.' },
  SB106: { severity: 'error', title: 'key used by a queue exit is also a digit', hint: 'Choose keys that do not clash.' },
  SB110: { severity: 'error', title: 'invalid digit collection settings', hint: 'Check the lengths, terminator and pattern.' },
  SB111: { severity: 'error', title: 'pattern is not a valid regular expression', hint: 'Fix the regular expression, e.g. ^[0-9]{4}$.' },
  SB112: { severity: 'warning', title: 'collected digits are not stored', hint: 'Choose a string variable to store the digits in.' },
  SB120: { severity: 'error', title: 'unknown time zone', hint: 'Use an IANA time zone such as Europe/London.' },
  SB121: { severity: 'error', title: 'invalid opening hours', hint: 'Times are HH:MM (00:00–24:00). A weekly range that closes before it opens runs past midnight (22:00–06:00); holiday hours end by 24:00.' },
  SB122: { severity: 'error', title: 'invalid holiday date', hint: 'Dates are YYYY-MM-DD (one-off) or MM-DD (every year).' },
  SB123: { severity: 'warning', title: 'schedule is never open', hint: 'Add weekly opening hours, or callers will always get the closed route.' },
  SB124: { severity: 'warning', title: 'opening hours overlap', hint: 'Merge the overlapping ranges.' },
  SB125: { severity: 'error', title: 'calendar does not match the calendar schema', hint: 'Fix the field named in the path (name, timezone, entries[i].kind/date/until/hours).' },
  SB126: { severity: 'error', title: 'invalid calendar date', hint: 'Dates are YYYY-MM-DD (once) or MM-DD (every year); a range ends on or after its start, written like its start.' },
  SB127: { severity: 'error', title: 'invalid hours in a calendar entry', hint: 'Times are HH:MM (00:00–24:00) and close after they open, by 24:00.' },
  SB128: { severity: 'warning', title: 'calendar entries cover the same day', hint: 'Closed beats special hours beats a make-up working day, then the entry listed first; remove or shorten one of them.' },
  SB129: { severity: 'error', title: 'calendar time zone unknown', hint: 'Use an IANA time zone such as Asia/Shanghai.' },
  SB130: { severity: 'error', title: 'expression does not parse', hint: 'Check the expression syntax (CEL).' },
  SB131: { severity: 'error', title: 'expression uses an unknown variable', hint: 'Declare the variable in the flow, or fix the name.' },
  SB132: { severity: 'error', title: 'expression has the wrong type', hint: 'A condition must be true or false; an assignment must match the variable\'s type.' },
  SB133: { severity: 'error', title: 'prompt text uses an unknown variable', hint: 'Declare the variable in the flow, or fix the name in ${…}.' },
  SB134: { severity: 'error', title: 'assignment to an undeclared variable', hint: 'Declare the variable in the flow settings.' },
  SB135: { severity: 'error', title: 'make-up working day needs a weekday or hours', hint: 'Say which weekday\'s opening hours apply (as: monday) or give the day its own hours — one of the two.' },
  SB136: { severity: 'error', title: 'calendar entry covers too many days', hint: 'An entry covers at most 366 days; split a longer period into several entries.' },
  SB137: { severity: 'warning', title: 'calendar has no entries', hint: 'Add days, or import an .ics file.' },
  SB138: { severity: 'warning', title: 'calendar listed twice in a schedule', hint: 'Remove the second listing.' },
  SB139: { severity: 'warning', title: 'yearly entry on 29 February', hint: 'It applies only in leap years; add a 02-28 or 03-01 entry if the day off should exist every year.' },
  SB140: { severity: 'error', title: 'split percentages do not add up to 100', hint: 'Adjust the percentages so they total 100.' },
  SB141: { severity: 'error', title: 'duplicate branch key', hint: 'Each branch needs its own key.' },
  SB142: { severity: 'error', title: 'invalid number or prefix in a caller list', hint: 'Use digits with an optional leading +, e.g. +441632960000 or the prefix +44; spaces, dashes and parentheses are ignored.' },
  SB143: { severity: 'warning', title: 'caller list is empty', hint: 'Add numbers or prefixes, or delete the list.' },
  SB144: { severity: 'error', title: 'caller routing has no channel variable to match', hint: 'Name the channel variable (e.g. sip_from_user), or match on the caller number.' },
  SB150: { severity: 'warning', title: 'queue has no overflow route', hint: 'Connect the overflow outlet (voicemail, callback or another queue) so callers are never stuck.' },
  SB151: { severity: 'error', title: 'invalid queue settings', hint: 'Check the queue name, thresholds and announcement interval.' },
  SB160: { severity: 'error', title: 'invalid callback settings', hint: 'Check the callback window and number lengths.' },
  SB170: { severity: 'error', title: 'invalid transfer destination', hint: 'Use an extension (digits), an E.164 number (+4420…) or a SIP URI (sip:user@host).' },
  SB180: { severity: 'error', title: 'invalid HTTP request settings', hint: 'Use an absolute http(s) URL and a JSON path like data.customer.tier.' },
  SB190: { severity: 'error', title: 'invalid sub-flow reference', hint: 'Name an existing flow, and list the outcomes its Return nodes use.' },
  SB191: { severity: 'error', title: 'return node outside a sub-flow outcome list', hint: 'Return outcomes must be simple names.' },

  SB201: { severity: 'warning', title: 'node cannot be reached from start', hint: 'Connect it or delete it.' },
  SB202: { severity: 'error', title: 'outlet left unconnected: callers would hit dead air', hint: 'Connect the outlet to the next step (a Hangup node ends the call politely).' },
  SB203: { severity: 'error', title: 'loop with no way out', hint: 'Give the loop an exit, or add a menu/retry limit inside it.' },
  SB204: { severity: 'warning', title: 'prompt missing for a declared language', hint: 'Add the text for that language, or an audio file.' },
  SB205: { severity: 'error', title: 'prompt is empty', hint: 'Enter the text to say or an audio file to play.' },
  SB206: { severity: 'error', title: 'unknown variable type or duplicate variable', hint: 'Variables have unique names and a type of string, integer, number or boolean.' },
  SB207: { severity: 'warning', title: 'callback has no queue to call back from', hint: 'Name the queue on the Callback step, or reach it only through a Queue step (its overflow, exit key or no-agents route); a flow called as a sub-flow from a queue may ignore this.' },

  SB301: { severity: 'error', title: 'sub-flows call each other in a cycle', hint: 'Break the cycle; a sub-flow cannot call itself, directly or through others.' },
  SB302: { severity: 'error', title: 'sub-flow not found', hint: 'Publish the sub-flow first, or fix its name.' },
  SB303: { severity: 'error', title: 'flow calls itself as a sub-flow', hint: 'A call into the same flow never ends; go back with an edge to an earlier node instead.' },
  SB304: { severity: 'error', title: 'schedule refers to a calendar that does not exist', hint: 'Create the calendar (Calendars page) or fix its name in the schedule.' },
  SB305: { severity: 'warning', title: 'calendar and schedule are in different time zones', hint: 'A calendar\'s days are days on its own clock; use calendars in the schedule\'s zone unless that is intended.' },

  SB400: { severity: 'warning', title: 'survey question does not name the keys', hint: 'Say the scale in the question ("press 1 for not at all, up to 5 for very satisfied"): callers cannot guess it.' },
  SB401: { severity: 'warning', title: 'survey asks again without saying why', hint: 'Add a retry prompt ("Please press a key from 1 to 5") so a caller who pressed another key knows what went wrong.' },
  SB402: { severity: 'warning', title: 'survey call-back offer does not name the key', hint: 'Say the key in the offer ("May we call you back for a short survey? Press 1 for yes."): callers cannot guess it.' },
} as const satisfies Record<string, CodeEntry>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
