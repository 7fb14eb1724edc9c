/**
 * Parsers for what mod_callcenter's `callcenter_config` answers: the pipe tables of `queue list members|agents`
 * (header line, one row per line, a closing `+OK`, as recorded in transcript 05), the bare number of
 * `queue count ...`, and the `api json {"command":"callcenter_config",...}` reply. Pure functions, no I/O.
 */

/** Member states mod_callcenter reports (`cc_member_state_t`). */
export const MEMBER_STATES = ['Unknown', 'Waiting', 'Trying', 'Answered', 'Abandoned'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

/** Agent statuses (`cc_agent_status_t`); agents set these themselves. */
export const AGENT_STATUSES = ['Logged Out', 'Available', 'Available (On Demand)', 'On Break'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number] | 'Unknown';

/** One caller in a queue (a row of `queue list members`). Epochs are seconds; 0 means "not yet". */
export interface QueueMemberRow {
  queue: string;
  /** The member's own uuid (`cc_member_uuid`). */
  uuid: string;
  /** The caller's channel uuid; empty once the member has abandoned. */
  sessionUuid: string;
  cidNumber: string;
  cidName: string;
  systemEpoch: number;
  joinedEpoch: number;
  bridgeEpoch: number;
  abandonedEpoch: number;
  baseScore: number;
  skillScore: number;
  servingAgent: string;
  state: MemberState;
  /** What the switch ordered by when it listed: (now - joined) + base score + skill score. */
  score: number;
}

/** One agent serving a queue (a row of `queue list agents`). */
export interface QueueAgentRow {
  name: string;
  status: AgentStatus;
  /** `Waiting` (ready for a call), `Receiving`, `In a queue call`, `Idle`, `Reserved`. */
  state: string;
  callsAnswered: number;
  /** Seconds talked in total (cumulative over every queue the agent serves). */
  talkTime: number;
}

/** The switch answered with an error (`-ERR ...`) or something this module cannot read. */
export class CallcenterReplyError extends Error {
  override name = 'CallcenterReplyError';
  constructor(message: string, readonly reply: string) {
    super(message);
  }
}

function checkNotError(reply: string, what: string): void {
  if (reply.startsWith('-ERR') || reply.startsWith('-USAGE')) throw new CallcenterReplyError(`${what}: ${reply.trim()}`, reply);
}

/** Columns whose values are free text a caller or administrator controls and may themselves contain `|`. */
const FREE_TEXT_COLUMNS = ['cid_name', 'contact'];

/**
 * Splits a `callcenter_config ... list` reply into rows keyed by the header's column names. The switch does not
 * escape `|` inside values; when a row has more fields than the header, the surplus belongs to the free-text
 * column (`cid_name`, `contact`) and is joined back into it.
 */
export function parsePipeTable(reply: string, what = 'callcenter_config list'): Array<Record<string, string>> {
  checkNotError(reply, what);
  const lines = reply.split('\n').filter((line) => line !== '');
  const last = lines.at(-1);
  if (last !== '+OK') throw new CallcenterReplyError(`${what}: reply does not end in +OK`, reply);
  const [header, ...rows] = lines.slice(0, -1);
  if (header === undefined) throw new CallcenterReplyError(`${what}: reply has no header line`, reply);
  const columns = header.split('|');
  const freeText = columns.findIndex((column) => FREE_TEXT_COLUMNS.includes(column));
  return rows.map((line) => {
    let fields = line.split('|');
    const surplus = fields.length - columns.length;
    if (surplus > 0 && freeText !== -1) {
      fields = [...fields.slice(0, freeText), fields.slice(freeText, freeText + surplus + 1).join('|'), ...fields.slice(freeText + surplus + 1)];
    }
    if (fields.length !== columns.length) throw new CallcenterReplyError(`${what}: row has ${fields.length} fields, header ${columns.length}`, reply);
    return Object.fromEntries(columns.map((column, i) => [column, fields[i] ?? '']));
  });
}

/** `queue count members|agents <queue>`: a bare number and a newline. */
export function parseCount(reply: string, what = 'callcenter_config count'): number {
  checkNotError(reply, what);
  const trimmed = reply.trim();
  if (!/^\d+$/.test(trimmed)) throw new CallcenterReplyError(`${what}: not a count: ${JSON.stringify(trimmed.slice(0, 80))}`, reply);
  return Number(trimmed);
}

/**
 * The `response` array of `api json {"command":"callcenter_config",...}` (every value a string, as in
 * transcript 05). JSON carries `|` in caller names safely, so it is preferred over the pipe table.
 */
export function parseJsonRows(reply: string, what = 'json callcenter_config'): Array<Record<string, string>> {
  checkNotError(reply, what);
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply);
  } catch {
    throw new CallcenterReplyError(`${what}: reply is not JSON`, reply);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new CallcenterReplyError(`${what}: reply is not an object`, reply);
  const { status, response } = parsed as { status?: unknown; response?: unknown };
  if (status !== 'success') throw new CallcenterReplyError(`${what}: status ${JSON.stringify(status)}`, reply);
  if (!Array.isArray(response)) throw new CallcenterReplyError(`${what}: response is not a list`, reply);
  return response.map((row: unknown) => {
    if (typeof row !== 'object' || row === null) return {};
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null || value === undefined ? '' : String(value)]));
  });
}

function int(value: string | undefined): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? n : 0;
}

function memberState(value: string | undefined): MemberState {
  return (MEMBER_STATES as readonly string[]).includes(value ?? '') ? (value as MemberState) : 'Unknown';
}

function agentStatus(value: string | undefined): AgentStatus {
  return (AGENT_STATUSES as readonly string[]).includes(value ?? '') ? (value as AgentStatus) : 'Unknown';
}

/** Typed member rows from the generic rows of either reply format. */
export function toMemberRows(rows: ReadonlyArray<Record<string, string>>): QueueMemberRow[] {
  return rows.map((row) => ({
    queue: row.queue ?? '',
    uuid: row.uuid ?? '',
    sessionUuid: row.session_uuid ?? '',
    cidNumber: row.cid_number ?? '',
    cidName: row.cid_name ?? '',
    systemEpoch: int(row.system_epoch),
    joinedEpoch: int(row.joined_epoch),
    bridgeEpoch: int(row.bridge_epoch),
    abandonedEpoch: int(row.abandoned_epoch),
    baseScore: int(row.base_score),
    skillScore: int(row.skill_score),
    servingAgent: row.serving_agent ?? '',
    state: memberState(row.state),
    score: int(row.score),
  }));
}

/** Typed agent rows from the generic rows of either reply format. */
export function toAgentRows(rows: ReadonlyArray<Record<string, string>>): QueueAgentRow[] {
  return rows.map((row) => ({
    name: row.name ?? '',
    status: agentStatus(row.status),
    state: row.state ?? '',
    callsAnswered: int(row.calls_answered),
    talkTime: int(row.talk_time),
  }));
}
