import type { Emulator } from '../emulator.js';

const MEMBER_COLUMNS =
  'queue|instance_id|uuid|session_uuid|cid_number|cid_name|system_epoch|joined_epoch|rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|skill_score|serving_agent|serving_system|state|score';

const AGENT_COLUMNS =
  'name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time|reject_delay_time|busy_delay_time|no_answer_delay_time|last_bridge_start|last_bridge_end|last_offered_call|last_status_change|no_answer_count|calls_answered|talk_time|ready_time|external_calls_count';

/** As FreeSWITCH 1.10.12 prints them (esl-emulator/fixtures/switch-capabilities/transcript.json). */
const QUEUE_COLUMNS =
  'name|strategy|moh_sound|time_base_score|tier_rules_apply|tier_rule_wait_second|tier_rule_wait_multiply_level|tier_rule_no_agent_no_wait|discard_abandoned_after|abandoned_resume_allowed|max_wait_time|max_wait_time_with_no_agent|max_wait_time_with_no_agent_time_reached|record_template|calls_answered|calls_abandoned|ring_progressively_delay|skip_agents_with_external_calls|agent_no_answer_status';

type Row = Array<string | number>;

/** Rows of `queue list members <queue>`; score = (now - joined) + base score + skill score, as the switch computes it. */
function memberRows(emulator: Emulator, queue: string, nowEpoch: number): Row[] {
  return emulator.queues
    .membersOf(queue, nowEpoch)
    .map((m) => [m.queue, 'single_box', m.uuid, m.sessionUuid, m.cidNumber, m.cidName, m.joinedEpoch, m.joinedEpoch, 0, m.bridgeEpoch, m.abandonedEpoch, m.baseScore, 0, m.servingAgent, m.servingAgent ? 'single_box' : '', m.state, nowEpoch - m.joinedEpoch + m.baseScore])
    .sort((a, b) => Number(b[16]) - Number(a[16]));
}

/** Rows of `queue list agents <queue>`: the queue's scripted agents, `In a queue call` while talking. */
function agentRows(emulator: Emulator, queue: string): Row[] {
  return (emulator.queues.config(queue)?.agents ?? []).map((agent) => {
    const activity = emulator.queues.agentActivity(agent.name);
    const state = activity.inCall > 0 ? 'In a queue call' : 'Waiting';
    return [agent.name, 'single_box', '', 'callback', `user/${agent.name}`, agent.status ?? 'Available', state, 3, 10, 10, 60, 0, 0, 0, 0, 0, 0, activity.callsAnswered, activity.talkSeconds, 0, 0];
  });
}

function table(columns: string, rows: Row[]): string {
  return [columns, ...rows.map((row) => row.join('|')), '+OK', ''].join('\n');
}

function asObjects(columns: string, rows: Row[]): Array<Record<string, string>> {
  const names = columns.split('|');
  return rows.map((row) => Object.fromEntries(names.map((name, i) => [name, String(row[i] ?? '')])));
}

/** `callcenter_config queue list|count|reload ...`, answering from the emulator's queue registry. */
export function callcenterConfig(emulator: Emulator, args: string): string {
  const words = args.split(/\s+/);
  const nowEpoch = Math.floor(emulator.core.clock.now() / 1000);
  const queues = emulator.queues;
  if (words[0] !== 'queue') return '-ERR Unknown Command!\n';
  const [, action, third, fourth = ''] = words;
  const known = queues.config(fourth) !== undefined;
  if (action === 'reload') return queues.config(third ?? '') ? '+OK\n' : '-ERR Invalid Queue not found!\n';
  if (action === 'count' && third === 'members') return `${queues.membersOf(fourth, nowEpoch).length}\n`;
  if (action === 'count' && third === 'agents') return known ? `${agentRows(emulator, fourth).length}\n` : '-ERR Invalid Queue not found!\n';
  if (action === 'list' && third === 'members') return table(MEMBER_COLUMNS, memberRows(emulator, fourth, nowEpoch));
  if (action === 'list' && third === 'agents') return known ? table(AGENT_COLUMNS, agentRows(emulator, fourth)) : '-ERR Invalid Queue not found!\n';
  if (action === 'list' && third === undefined) {
    // Unset parameters print mod_callcenter's defaults, as the real switch's `queue list` shows them.
    const rows = Object.entries(queues.queues).map(([name, q]) =>
      [
        name,
        q.strategy ?? 'longest-idle-agent',
        q.mohSound ?? '',
        q.timeBaseScore ?? 'queue',
        String(q.tierRulesApply ?? false),
        q.tierRuleWaitSeconds ?? 0,
        String(q.tierRuleWaitMultiplyLevel ?? false),
        String(q.tierRuleNoAgentNoWait ?? true),
        q.discardAbandonedAfterSeconds ?? 60,
        'false',
        q.maxWaitTimeSeconds ?? 0,
        q.maxWaitTimeWithNoAgentSeconds ?? 0,
        q.maxWaitTimeWithNoAgentTimeReachedSeconds ?? 5,
        '',
        0,
        0,
        0,
        'true',
        'On Break',
      ].join('|'),
    );
    return [QUEUE_COLUMNS, ...rows, '+OK', ''].join('\n');
  }
  return '-ERR Unknown Command!\n';
}

/**
 * `json {"command":"callcenter_config","data":{"arguments":"queue list members|agents","queue_name":…}}`: the
 * request echoed with `status` and `response` rows of strings, as in transcript 05.
 */
export function callcenterConfigJson(emulator: Emulator, request: { command: string; data?: { arguments?: string; queue_name?: string } }): string {
  const nowEpoch = Math.floor(emulator.core.clock.now() / 1000);
  const queue = request.data?.queue_name ?? '';
  const argumentsText = request.data?.arguments ?? '';
  let response: Array<Record<string, string>> | string;
  if (argumentsText === 'queue list members') response = asObjects(MEMBER_COLUMNS, memberRows(emulator, queue, nowEpoch));
  else if (argumentsText === 'queue list agents' && emulator.queues.config(queue)) response = asObjects(AGENT_COLUMNS, agentRows(emulator, queue));
  else response = 'Invalid Argument';
  return JSON.stringify({ ...request, status: typeof response === 'string' ? 'error' : 'success', response });
}
