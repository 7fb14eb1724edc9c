import { describe, expect, it } from 'vitest';
import { contentType } from '../../esl/frame.js';
import { recordedReceivedBlocks } from '../../esl/conformance/replay.js';
import { loadTranscript } from '../../esl/conformance/transcript.js';
import { CallcenterReplyError, parseCount, parseJsonRows, parsePipeTable, toAgentRows, toMemberRows } from './callcenter-tables.js';

/** The api/response bodies transcript 05's control connection received, keyed by the command that asked. */
function recordedApiReplies(): Array<{ command: string; body: string }> {
  const transcript = loadTranscript('05-outbound-callcenter.control');
  const received = recordedReceivedBlocks(transcript);
  const replies: Array<{ command: string; body: string }> = [];
  transcript.blocks.forEach((block, i) => {
    if (block.direction !== 'sent') return;
    const command = block.data.toString('utf8').trim();
    const reply = received[i + 1]?.find((frame) => contentType(frame) === 'api/response');
    if (command.startsWith('api ') && reply) replies.push({ command, body: reply.body.toString('utf8') });
  });
  return replies;
}

const replies = recordedApiReplies();
const reply = (command: string, nth = 0) => replies.filter((r) => r.command === command)[nth]?.body ?? '';

describe('callcenter_config replies as FreeSWITCH 1.10.12 sent them (transcript 05)', () => {
  it('reads a waiting member from the pipe table', () => {
    const members = toMemberRows(parsePipeTable(reply('api callcenter_config queue list members support@default', 0)));
    expect(members).toEqual([
      {
        queue: 'support@default',
        uuid: '69513cd4-c31f-403a-b5c0-cc27db404d7c',
        sessionUuid: 'a7e3970e-6644-4922-ac74-62c92e51a6a4',
        cidNumber: '0000000000',
        cidName: '',
        systemEpoch: 1795432711,
        joinedEpoch: 1795432711,
        bridgeEpoch: 0,
        abandonedEpoch: 0,
        baseScore: 0,
        skillScore: 0,
        servingAgent: '',
        state: 'Waiting',
        score: 0,
      },
    ]);
  });

  it('reads the abandoned row left after max-wait-time: no session, abandoned epoch set, score grown by the wait', () => {
    const [member] = toMemberRows(parsePipeTable(reply('api callcenter_config queue list members support@default', 1)));
    expect(member).toMatchObject({ state: 'Abandoned', sessionUuid: '', abandonedEpoch: 1795432716, score: 5 });
  });

  it('reads the same member from the api json reply', () => {
    const json = reply('api json {"command":"callcenter_config","data":{"arguments":"queue list members","queue_name":"support@default"}}');
    const fromJson = toMemberRows(parseJsonRows(json));
    const fromPipes = toMemberRows(parsePipeTable(reply('api callcenter_config queue list members support@default', 0)));
    expect(fromJson).toEqual(fromPipes);
  });

  it('reads the queue list (a different table, same framing) and the counts', () => {
    const [queue] = parsePipeTable(reply('api callcenter_config queue list'));
    expect(queue).toMatchObject({ name: 'support@default', strategy: 'longest-idle-agent', max_wait_time: '5', calls_answered: '0' });
    const counts = replies.filter((r) => r.command === 'api callcenter_config queue count members support@default').map((r) => parseCount(r.body));
    expect(counts).toEqual([0, 1, 1]);
  });
});

describe('callcenter table edge cases', () => {
  const header = 'queue|instance_id|uuid|session_uuid|cid_number|cid_name|system_epoch|joined_epoch|rejoined_epoch|bridge_epoch|abandoned_epoch|base_score|skill_score|serving_agent|serving_system|state|score';

  it('keeps a caller name containing | in one column', () => {
    const row = 'q|single_box|m1|s1|555|Smith | Sons|10|10|0|0|0|300|0|||Waiting|305';
    const [member] = toMemberRows(parsePipeTable(`${header}\n${row}\n+OK\n`));
    expect(member).toMatchObject({ cidName: 'Smith | Sons', state: 'Waiting', baseScore: 300, score: 305 });
  });

  it('reads an empty queue and unknown states', () => {
    expect(parsePipeTable(`${header}\n+OK\n`)).toEqual([]);
    const row = 'q|single_box|m1|s1|555|x|10|10|0|0|0|0|0|||Bogus|0';
    expect(toMemberRows(parsePipeTable(`${header}\n${row}\n+OK\n`))[0]?.state).toBe('Unknown');
  });

  it('reads agents with the statuses agents set, including "Available (On Demand)"', () => {
    const agents = parsePipeTable(
      'name|instance_id|uuid|type|contact|status|state|max_no_answer|wrap_up_time|reject_delay_time|busy_delay_time|no_answer_delay_time|last_bridge_start|last_bridge_end|last_offered_call|last_status_change|no_answer_count|calls_answered|talk_time|ready_time|external_calls_count\n' +
        '1000@default|single_box||callback|[call_timeout=10]user/1000|Available (On Demand)|Waiting|3|10|10|60|0|0|0|0|0|0|12|1440|0|0\n' +
        '1001@default|single_box||callback|user/1001|On Break|Idle|3|10|10|60|0|0|0|0|0|0|0|0|0|0\n+OK\n',
    );
    expect(toAgentRows(agents)).toEqual([
      { name: '1000@default', status: 'Available (On Demand)', state: 'Waiting', callsAnswered: 12, talkTime: 1440 },
      { name: '1001@default', status: 'On Break', state: 'Idle', callsAnswered: 0, talkTime: 0 },
    ]);
  });

  it('turns the switch refusing into an error rather than an empty queue', () => {
    expect(() => parsePipeTable('-ERR Invalid Queue not found!\n')).toThrow(CallcenterReplyError);
    expect(() => parseCount('-ERR Invalid Queue not found!\n')).toThrow(CallcenterReplyError);
    expect(() => parseJsonRows('-ERR json Command not found!\n')).toThrow(CallcenterReplyError);
    expect(() => parseJsonRows('{"status":"error","response":"queue not found"}')).toThrow(/status "error"/);
    expect(() => parsePipeTable('name|x\nq|1\n')).toThrow(/\+OK/);
  });
});
