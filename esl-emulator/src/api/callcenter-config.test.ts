import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';
import { runApiCommand } from './api-commands.js';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

describe('callcenter_config queue statistics', () => {
  it('lists agents with their status and scores members by base score plus wait, as mod_callcenter does', async () => {
    // Time stands still, so the scores below are exact.
    const frozen = { now: () => Date.parse('2026-12-23T10:00:00Z'), sleep: () => new Promise<void>(() => undefined) };
    emulator = await startEmulator({
      clock: frozen,
      queues: { 'q@default': { agents: [{ name: 'ada', answerAfterSeconds: 99 }, { name: 'bob', answerAfterSeconds: 99, status: 'On Break' }] } },
    });
    const now = Math.floor(emulator.core.clock.now() / 1000);
    const member = { queue: 'q@default', cidNumber: '1', cidName: '', state: 'Waiting' as const, servingAgent: '', abandonedEpoch: 0, bridgeEpoch: 0 };
    emulator.queues.add({ ...member, uuid: 'm1', sessionUuid: 's1', joinedEpoch: now - 100, baseScore: 0 });
    emulator.queues.add({ ...member, uuid: 'm2', sessionUuid: 's2', joinedEpoch: now - 10, baseScore: 300 });

    const agents = await runApiCommand(emulator, 'callcenter_config queue list agents q@default');
    expect(agents.split('\n').slice(1, 3).map((line) => line.split('|').slice(0, 7).join('|'))).toEqual([
      'ada|single_box||callback|user/ada|Available|Waiting',
      'bob|single_box||callback|user/bob|On Break|Waiting',
    ]);
    expect(await runApiCommand(emulator, 'callcenter_config queue count agents q@default')).toBe('2\n');
    expect(await runApiCommand(emulator, 'callcenter_config queue list agents nosuch')).toMatch(/^-ERR/);

    const json = JSON.parse(await runApiCommand(emulator, 'json {"command":"callcenter_config","data":{"arguments":"queue list members","queue_name":"q@default"}}')) as {
      status: string;
      response: Array<Record<string, string>>;
    };
    expect(json.status).toBe('success');
    expect(json.response.map((row) => [row.session_uuid, row.base_score, row.score])).toEqual([
      ['s2', '300', '310'],
      ['s1', '0', '100'],
    ]);
    expect(await runApiCommand(emulator, 'json {"command":"status"}')).toMatch(/^-ERR/);
  });

  it('records originates, and a callback originated into &callcenter(queue) joins it with its base score', async () => {
    emulator = await startEmulator({ timeScale: 1000, queues: { 'q@default': {} }, extensions: { '4001': 'tone' } });
    const reply = await runApiCommand(emulator, 'originate {origination_caller_id_number=5550100,cc_base_score=240}loopback/4001/default &callcenter(q@default)');
    expect(reply).toMatch(/^\+OK [0-9a-f-]{36}\n$/);
    expect(await runApiCommand(emulator, 'originate {cc_base_score=1}error/user_busy &callcenter(q@default)')).toBe('-ERR USER_BUSY\n');
    expect(emulator.originations.map((o) => [o.target, o.reply.split(' ')[0], o.variables.get('cc_base_score')])).toEqual([
      ['&callcenter(q@default)', '+OK', '240'],
      ['&callcenter(q@default)', '-ERR', '1'],
    ]);
    const members = emulator.queues.membersOf('q@default', Math.floor(emulator.core.clock.now() / 1000));
    expect(members).toMatchObject([{ cidNumber: '4001', baseScore: 240, state: 'Waiting', sessionUuid: reply.slice(4).trim() }]);
  });
});
