import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flowDocument, hangupNode, say } from '../src/flows.js';
import { startSuite, type SuiteEnvironment } from '../src/suite.js';

/**
 * Extensions of the project's directory (freeswitch/conf/directory/default.xml): 1000 answers, 1001 is busy, 1002
 * rings and never answers; 1099 does not exist.
 */
const TRANSFERS = { '+15550221': '1000', '+15550222': '1001', '+15550223': '1002', '+15550224': '1099' } as const;

let env: SuiteEnvironment;
beforeAll(async () => {
  env = await startSuite();
  for (const [number, extension] of Object.entries(TRANSFERS)) {
    await env.switchboard.deploy(
      number,
      flowDocument(
        `Transfer to ${extension}`,
        [
          { id: 'transfer', type: 'transfer', data: { destination: { type: 'extension', value: extension }, timeoutSeconds: 5 } },
          hangupNode('busy', 'The line is busy.'),
          hangupNode('noAnswer', 'Nobody answered.'),
          hangupNode('failed', 'That extension cannot be reached.'),
        ],
        [
          ['transfer', 'busy', 'busy'],
          ['transfer', 'noAnswer', 'noAnswer'],
          ['transfer', 'failed', 'failed'],
        ],
      ),
    );
  }
  await env.switchboard.deploy(
    '+15550231',
    flowDocument('Leave a message', [{ id: 'voicemail', type: 'voicemail', data: { mailbox: 'support', greeting: say('Please leave a message after the tone.') } }], []),
  );
  await env.switchboard.deploy(
    '+15550241',
    flowDocument('Busy signal', [{ id: 'start2', type: 'announcement', data: { prompt: say('We are busy.') } }, hangupNode('bye', undefined, 'USER_BUSY')], [['start2', 'next', 'bye']]),
  );
  await env.switchboard.deploy(
    '+15550242',
    flowDocument(
      'Long talk',
      [{ id: 'talk', type: 'announcement', data: { prompt: say('This is a long announcement that goes on and on so that the caller has time to hang up before it ends.') } }, hangupNode('bye', 'Goodbye.')],
      [['talk', 'next', 'bye']],
    ),
  );
});
afterEach(async () => {
  await env.observer.hangUpEverything();
});
afterAll(async () => {
  await env?.close();
});

describe('transfers (bridge to user/<extension>)', () => {
  it('answered: the caller is bridged to the extension and the call ends when it hangs up', async () => {
    const call = await env.observer.call('+15550221');
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    const events = await call.events();
    expect(events.some((e) => e.name === 'CHANNEL_BRIDGE')).toBe(true);
    const bridge = events.find((e) => e.name === 'CHANNEL_EXECUTE_COMPLETE' && e.header('Application') === 'bridge');
    expect(bridge?.header('Application-Data')).toMatch(/^\{originate_timeout=5\}user\/1000@/);
    expect(await call.applications()).not.toContainEqual(expect.stringMatching(/^log\(WARNING Switchboard runtime unavailable/));
    expect(await env.spokenOn(call)).toEqual([]);
    expect(await env.switchboard.callRecord(call.caller)).toMatchObject({ flowName: 'Transfer to 1000', outcome: 'transferred' });
  });

  it('busy: USER_BUSY takes the busy route', async () => {
    const call = await env.observer.call('+15550222');
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    expect(await env.spokenOn(call)).toEqual(['The line is busy.']);
    const bridge = (await call.events()).find((e) => e.name === 'CHANNEL_EXECUTE_COMPLETE' && e.header('Application') === 'bridge');
    expect(bridge?.header('variable_originate_disposition')).toBe('USER_BUSY');
  });

  it('no answer: the extension rings past the transfer timeout and the noAnswer route plays', async () => {
    const call = await env.observer.call('+15550223');
    const started = Date.now();
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
    expect(await env.spokenOn(call)).toEqual(['Nobody answered.']);
    const record = await env.switchboard.callRecord(call.caller);
    expect(record.visits.find((visit) => visit.nodeId === 'transfer')?.outlet).toBe('noAnswer');
  });

  it('unknown user: the failed route plays', async () => {
    const call = await env.observer.call('+15550224');
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    expect(await env.spokenOn(call)).toEqual(['That extension cannot be reached.']);
  });
});

describe('voicemail', () => {
  it('records a message in the mailbox after the greeting', async () => {
    const before = await boxCount('support');
    // The caller "talks" (a tone): mod_voicemail discards messages with no audio in them.
    const call = await env.observer.call('+15550231', { callerSide: '&playback(tone_stream://%(20000,0,350))' });
    await call.executes('voicemail');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await call.hangup();
    await call.ended();
    // The flow's greeting comes first. What mod_voicemail says after it is the switch's own: when the loopback
    // leg's media stops a moment before its hangup arrives (a loaded CI machine), the recording ends with the
    // channel still up and mod_voicemail starts its review menu ("To listen to your message, press 1…").
    expect((await env.spokenOn(call))[0]).toBe('Please leave a message after the tone.');
    const deadline = Date.now() + 10_000;
    while ((await boxCount('support')) === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await boxCount('support')).toBe(before + 1);
    expect((await env.switchboard.callRecord(call.caller)).outcome).toBe('voicemail');
  });
});

describe('hang-up causes', () => {
  it('the hangup node\'s cause reaches the switch (USER_BUSY)', async () => {
    const call = await env.observer.call('+15550241');
    expect(await call.ended()).toBe('USER_BUSY');
    expect(await env.spokenOn(call)).toEqual(['We are busy.']);
  });

  it('a blocked caller of the VIP route example is rejected (CALL_REJECTED) without a word', async () => {
    const spokenBefore = (await env.spoken()).length;
    const attempt = await env.observer.dial('+15550103', { caller: '+447700900999' });
    expect(attempt.reply).toBe('-ERR CALL_REJECTED');
    const uuid = await attempt.bLeg;
    const hangup = await env.observer.waitFor((e) => e.name === 'CHANNEL_HANGUP_COMPLETE' && e.uuid === uuid, 10_000, 'the rejected call to end');
    expect(hangup.header('Hangup-Cause')).toBe('CALL_REJECTED');
    expect((await env.spoken()).length).toBe(spokenBefore);
  });

  it('a caller who hangs up mid-prompt ends the call as callerHungUp, with no channel left', async () => {
    const call = await env.observer.call('+15550242');
    await call.executes('speak');
    await call.hangup();
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    expect((await env.switchboard.callRecord(call.caller)).outcome).toBe('callerHungUp');
    await env.observer.noChannels();
  });
});

/** Messages in `mailbox`, new and saved (`vm_boxcount`). */
async function boxCount(mailbox: string): Promise<number> {
  const reply = (await env.observer.api(`vm_boxcount ${mailbox}@127.0.0.1|all`)).trim();
  // new:saved:new-urgent:saved-urgent
  const counts = reply.split(':').map(Number);
  if (counts.length !== 4 || counts.some((count) => !Number.isInteger(count))) throw new Error(`vm_boxcount answered ${JSON.stringify(reply)}`);
  return counts.reduce((sum, count) => sum + count, 0);
}
