import type { Emulator } from '../emulator.js';

const MEMBER_COLUMNS =
  'queue|instance_id|uuid|session_uuid|cid_number|cid_name|system_epoch|joined_epoch|rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|skill_score|serving_agent|serving_system|state|score';

const QUEUE_COLUMNS =
  'name|strategy|moh_sound|time_base_score|tier_rules_apply|tier_rule_wait_second|tier_rule_wait_multiply_level|tier_rule_no_agent_no_wait|discard_abandoned_after|abandoned_resume_allowed|max_wait_time|max_wait_time_with_no_agent|max_wait_time_with_no_agent_time_reached|record_template|calls_answered|calls_abandoned|ring_progressively_delay';

/** `callcenter_config queue list|count|reload ...`, answering from the emulator's queue registry. */
export function callcenterConfig(emulator: Emulator, args: string): string {
  const words = args.split(/\s+/);
  const nowEpoch = Math.floor(emulator.core.clock.now() / 1000);
  const queues = emulator.queues;
  if (words[0] !== 'queue') return '-ERR Unknown Command!\n';
  const [, action, third, fourth] = words;
  if (action === 'reload') return queues.config(third ?? '') ? '+OK\n' : '-ERR Invalid Queue not found!\n';
  if (action === 'count' && third === 'members') return `${queues.membersOf(fourth ?? '', nowEpoch).length}\n`;
  if (action === 'list' && third === 'members') {
    const rows = queues.membersOf(fourth ?? '', nowEpoch).map((m) =>
      [m.queue, 'single_box', m.uuid, m.sessionUuid, m.cidNumber, m.cidName, m.joinedEpoch, m.joinedEpoch, 0, 0, m.abandonedEpoch, 0, 0, m.servingAgent, m.servingAgent ? 'single_box' : '', m.state, 0].join('|'),
    );
    return [MEMBER_COLUMNS, ...rows, '+OK', ''].join('\n');
  }
  if (action === 'list' && third === undefined) {
    const rows = Object.entries(queues.queues).map(([name, q]) =>
      [name, q.strategy ?? 'longest-idle-agent', q.mohSound ?? '', 'system', 'false', 30, 'false', 'false', q.discardAbandonedAfterSeconds ?? 60, 'false', q.maxWaitTimeSeconds ?? 0, q.maxWaitTimeWithNoAgentSeconds ?? 0, q.maxWaitTimeWithNoAgentTimeReachedSeconds ?? 5, '', 0, 0, 0].join('|'),
    );
    return [QUEUE_COLUMNS, ...rows, '+OK', ''].join('\n');
  }
  return '-ERR Unknown Command!\n';
}
