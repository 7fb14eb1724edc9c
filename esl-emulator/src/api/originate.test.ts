import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';
import { runApiCommand } from './api-commands.js';

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

describe('originate', () => {
  it("splits its arguments as FreeSWITCH does: a quoted caller id name and a quoted inline dialplan with its own separator", async () => {
    emulator = await startEmulator({ timeScale: 1000, queues: { 'support@default': {} }, extensions: { '+4930123456': 'tone' } });
    const command =
      "{origination_caller_id_number=+15550199,origination_caller_id_name='Acme Support',cc_base_score=90}loopback/+4930123456/default " +
      "'m:^:speak:flite|kal|Hello, this is Acme calling you back.^callcenter:support@default' inline";
    const reply = await runApiCommand(emulator, `originate ${command}`);
    expect(reply).toMatch(/^\+OK /);
    const [record] = emulator.originations;
    expect(record).toMatchObject({ command, dialString: "{origination_caller_id_number=+15550199,origination_caller_id_name=Acme Support,cc_base_score=90}loopback/+4930123456/default" });
    expect(record!.variables.get('origination_caller_id_name')).toBe('Acme Support');
    expect(record!.applications).toEqual([
      { app: 'speak', data: 'flite|kal|Hello, this is Acme calling you back.' },
      { app: 'callcenter', data: 'support@default' },
    ]);
    expect(emulator.queues.waitingCount('support@default')).toBe(1);
  });

  it('reads &app(args) as one application', async () => {
    emulator = await startEmulator({ timeScale: 1000, queues: { 'support@default': {} }, extensions: { '4001': 'tone' } });
    expect(await runApiCommand(emulator, 'originate {cc_base_score=5}loopback/4001/default &callcenter(support@default)')).toMatch(/^\+OK /);
    expect(emulator.originations[0]!.applications).toEqual([{ app: 'callcenter', data: 'support@default' }]);
    expect(emulator.queues.waitingCount('support@default')).toBe(1);
  });
});
