import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowDocument, hangupNode, say } from '../src/flows.js';
import { freePort } from '@switchboard/runtime/testing/freeswitch';
import { startSuite, type SuiteEnvironment } from '../src/suite.js';

const SCENARIO = fileURLToPath(new URL('../sipp/uac-rfc2833.xml', import.meta.url));
/** sipp's sample RFC 2833 captures (Debian's sip-tester package); the scenario plays dtmf_2833_1.pcap from here. */
const PCAP_DIR = process.env['SIPP_PCAP_DIR'] ?? '/usr/share/sip-tester';
const SIPP = process.env['SIPP_BIN'] ?? '/usr/bin/sipp';

let env: SuiteEnvironment;
beforeAll(async () => {
  for (const [what, path] of [['sipp', SIPP], ['sipp RFC 2833 captures (SIPP_PCAP_DIR)', `${PCAP_DIR}/dtmf_2833_1.pcap`]] as const) {
    if (!existsSync(path)) throw new Error(`${what} not found at ${path}: install Debian's sip-tester package (README, "The real-switch suite")`);
  }
  env = await startSuite();
  await env.switchboard.deploy(
    '+15550251',
    flowDocument(
      'SIP keypad',
      [
        { id: 'ask', type: 'collectDigits', data: { prompt: say('Press 1 to confirm.'), minDigits: 1, maxDigits: 1, pattern: '[12]', timeoutSeconds: 8, maxRetries: 0 } },
        hangupNode('thanks', 'Thank you, your key was received.'),
        hangupNode('nothing', 'No key was received.'),
      ],
      [
        ['ask', 'ok', 'thanks'],
        ['ask', 'failed', 'nothing'],
      ],
    ),
  );
});
afterAll(async () => {
  await env?.close();
});

/** Runs the sipp scenario against the switch's SIP profile, dialling `number`; resolves with sipp's exit code and output. */
async function sipp(number: string): Promise<{ code: number | null; output: string }> {
  const args = [`${env.fs.sip.host}:${env.fs.sip.port}`, '-sf', SCENARIO, '-s', number, '-m', '1', '-i', '127.0.0.1', '-p', String(await freePort()), '-mp', String(await freePort()), '-timeout', '60s', '-timeout_error', '-nostdin'];
  return new Promise((resolve, reject) => {
    const child = spawn(SIPP, args, { cwd: PCAP_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('a SIP call (sipp) with RFC 2833 DTMF', () => {
  it('answers, hears the digit sent as telephone-events, and hangs up with a BYE sipp acknowledges', async () => {
    const result = await sipp('+15550251');
    expect(result.code, result.output.slice(-2000)).toBe(0);
    const created = env.observer.seen.find((e) => e.name === 'CHANNEL_CREATE' && e.header('Channel-Name')?.startsWith('sofia/internal/') && e.header('Caller-Destination-Number') === '+15550251');
    expect(created).toBeDefined();
    const uuid = created!.uuid;
    const dtmf = env.observer.seen.filter((e) => e.name === 'DTMF' && e.uuid === uuid);
    expect(dtmf.map((e) => [e.header('DTMF-Digit'), e.header('DTMF-Source')])).toEqual([['1', 'RTP']]);
    expect(env.spokenOnChannel(uuid)).toEqual(['Press 1 to confirm.', 'Thank you, your key was received.']);
    const record = await env.switchboard.callRecord('+15559000001');
    expect(record).toMatchObject({ flowName: 'SIP keypad', outcome: 'selfServed', callId: uuid });
    await env.observer.noChannels();
  });
});
