import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { ANNOUNCE_APP } from '@switchboard/runtime/commands';
import { asLiveSnapshot } from '@switchboard/runtime/live';
import { flowDocument, hangupNode, say } from '../src/flows.js';
import { startSuite, type SuiteEnvironment } from '../src/suite.js';

/** The project's queue without agents (freeswitch/conf/autoload_configs/callcenter.conf.xml). */
const UNSTAFFED = 'unstaffed@default';

let env: SuiteEnvironment;
beforeAll(async () => {
  env = await startSuite();
  const deploy = env.switchboard.deploy;
  await deploy(
    '+15550211',
    flowDocument(
      'Waiting line',
      [
        {
          id: 'queue',
          type: 'queue',
          data: {
            queue: UNSTAFFED,
            announcements: { everySeconds: 15, position: say('You are number ${position} in the queue.') },
            overflow: { whenNoAgents: false, whenEstimateExceedsMaxWait: false },
          },
        },
        hangupNode('bye', 'Goodbye.'),
      ],
      [['queue', 'answered', 'bye']],
    ),
  );
  await deploy(
    '+15550212',
    flowDocument(
      'Nobody there',
      [
        { id: 'queue', type: 'queue', data: { queue: UNSTAFFED, overflow: { whenNoAgents: true, whenEstimateExceedsMaxWait: false } } },
        hangupNode('closed', 'No one is available to take your call.'),
        hangupNode('bye', 'Goodbye.'),
      ],
      [
        ['queue', 'overflow', 'closed'],
        ['queue', 'answered', 'bye'],
      ],
    ),
  );
  await deploy(
    '+15550213',
    flowDocument(
      'Short wait',
      [
        { id: 'queue', type: 'queue', data: { queue: UNSTAFFED, overflow: { maxWaitSeconds: 10, whenNoAgents: false, whenEstimateExceedsMaxWait: false } } },
        hangupNode('tooLong', 'Sorry, you have waited too long.'),
        hangupNode('bye', 'Goodbye.'),
      ],
      [
        ['queue', 'overflow', 'tooLong'],
        ['queue', 'answered', 'bye'],
      ],
    ),
  );
  await deploy(
    '+15550214',
    flowDocument(
      'Callback key',
      [
        {
          id: 'queue',
          type: 'queue',
          data: {
            queue: UNSTAFFED,
            callbackKey: '1',
            announcements: { everySeconds: 15, callbackOffer: say('To be called back instead, press ${callbackKey}.') },
            overflow: { whenNoAgents: false, whenEstimateExceedsMaxWait: false },
          },
        },
        hangupNode('callback', 'We will call you back.'),
        hangupNode('bye', 'Goodbye.'),
      ],
      [
        ['queue', 'callbackRequested', 'callback'],
        ['queue', 'answered', 'bye'],
      ],
    ),
  );
});
afterEach(async () => {
  await env.observer.hangUpEverything();
});
afterAll(async () => {
  await env?.close();
});

/**
 * Callers in `queue`, by caller number (`callcenter_config queue list members`). Members who left stay listed as
 * `Abandoned` until the queue's discard-abandoned-after; they are not in the queue any more.
 */
async function members(queue: string): Promise<string[]> {
  const text = await env.observer.api(`callcenter_config queue list members ${queue}`);
  const [header, ...rows] = text.trim().split('\n').filter((line) => line.includes('|'));
  const columns = header?.split('|') ?? [];
  const number = columns.indexOf('cid_number');
  const state = columns.indexOf('state');
  return rows.map((row) => row.split('|')).filter((row) => row[state] !== 'Abandoned').map((row) => row[number] ?? '');
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('queues on mod_callcenter', () => {
  it('an agent answers a Support queue caller; the call ends after the agent call without the dialplan fallback', async () => {
    const call = await env.observer.call('+15550102');
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    const actions = await call.callcenterActions();
    expect(actions).toContain('bridge-agent-start');
    expect(actions).toContain('bridge-agent-end');
    // The runtime ends handled calls itself: the dialplan's fallback (after `socket`) must never run.
    expect(await call.applications()).not.toContainEqual(expect.stringMatching(/^log\(WARNING Switchboard runtime unavailable/));
    expect(await call.applications()).not.toContain('bridge(user/1000@127.0.0.1)');
    expect(await env.spokenOn(call)).toEqual(['Welcome to Acme support. Calls are recorded for training.', 'Thank you for calling Acme support. Goodbye.']);
    const record = await env.switchboard.callRecord(call.caller);
    expect(record).toMatchObject({ flowName: 'Support queue', outcome: 'answeredFromQueue' });
    expect(await members('support@default')).toEqual([]);
    await env.observer.noChannels();
  });

  it('Main menu example in office hours: 2 for support, an agent answers, goodbye', async () => {
    const call = await env.observer.call('+15550100');
    await call.executes('play_and_get_digits', /For sales, press 1/);
    await call.dtmf('2');
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    expect(await call.callcenterActions()).toContain('bridge-agent-start');
    expect(await call.applications()).not.toContainEqual(expect.stringMatching(/^log\(WARNING Switchboard runtime unavailable/));
    const spoken = await env.spokenOn(call);
    expect(spoken.slice(0, 2)).toEqual(['Thank you for calling Acme.', 'For sales, press 1. For support, press 2. To speak to an agent, press 0.']);
    expect(spoken.at(-1)).toBe('Thank you for calling. Goodbye.');
    const record = await env.switchboard.callRecord(call.caller);
    expect(record).toMatchObject({ flowName: 'Main menu', outcome: 'answeredFromQueue' });
    expect(record.visits.map((visit) => visit.nodeId)).toEqual(['start', 'hours', 'welcome', 'menu', 'support', 'bye']);
  });

  it('tells waiting callers their position (uuid_broadcast while in the queue) and lists them as members', async () => {
    const first = await env.observer.call('+15550211');
    await first.executes('callcenter');
    // mod_callcenter orders members by score, which counts waiting in whole seconds: same-second joiners tie.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const second = await env.observer.call('+15550211');
    await second.executes('callcenter');
    await until('both callers wait in the queue', async () => (await members(UNSTAFFED)).length === 2);
    expect((await members(UNSTAFFED)).sort()).toEqual([first.caller, second.caller].sort());
    await until('the second caller hears their position', async () => (await env.spokenOn(second)).includes('You are number 2 in the queue.'), 30_000);
    await until('the first caller hears their position', async () => (await env.spokenOn(first)).includes('You are number 1 in the queue.'), 30_000);
    await first.hangup();
    await second.hangup();
    await first.ended();
    await second.ended();
    await until('the queue is empty', async () => (await members(UNSTAFFED)).length === 0);
    const record = await env.switchboard.callRecord(first.caller);
    expect(record.outcome).toBe('abandonedInQueue');
  });

  it('the live view snapshot lists a waiting caller with their wait on the switch\'s clock and names the switch (api hostname)', async () => {
    const call = await env.observer.call('+15550211');
    await call.executes('callcenter');
    await until('the caller waits in the queue', async () => (await members(UNSTAFFED)).includes(call.caller));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const runtime = env.switchboard.runtime;
    await runtime.live?.publishNow();
    const row = await env.switchboard.database.prisma.runtimeLiveSnapshot.findUniqueOrThrow({ where: { instance: runtime.config.instance } });
    const snapshot = asLiveSnapshot(row.snapshot);
    // FreeSWITCH's `hostname` API answers gethostname(): this machine's name, without a newline.
    expect(snapshot?.switchId).toBe(hostname());
    const waiting = snapshot?.queues.find((queue) => queue.queue === UNSTAFFED);
    expect(waiting).toMatchObject({ callersWaiting: 1, agentsAvailable: 0 });
    expect(waiting?.longestWaitSeconds).toBeGreaterThanOrEqual(2);
    expect(waiting?.longestWaitSeconds).toBeLessThan(30);
    expect(snapshot?.nodes).toContainEqual(expect.objectContaining({ flowName: 'Waiting line', nodeId: 'queue', calls: 1 }));
    await call.hangup();
    await call.ended();
  });

  it('with no agents logged in, the caller takes the overflow route without joining', async () => {
    const call = await env.observer.call('+15550212');
    expect(await call.ended()).toBe('NORMAL_CLEARING');
    expect(await env.spokenOn(call)).toEqual(['No one is available to take your call.']);
    expect(await call.applications()).not.toContainEqual(expect.stringMatching(/^callcenter\(/));
  });

  it('after the flow\'s max wait the caller leaves the queue by overflow and is no longer a member', async () => {
    const call = await env.observer.call('+15550213');
    await call.executes('callcenter');
    await until('the caller waits in the queue', async () => (await members(UNSTAFFED)).includes(call.caller));
    const joined = Date.now();
    await until('the caller hears the overflow message', async () => (await env.spokenOn(call)).includes('Sorry, you have waited too long.'), 30_000);
    expect(Date.now() - joined).toBeGreaterThanOrEqual(8_000);
    expect(await members(UNSTAFFED)).not.toContain(call.caller);
    expect(await call.ended(20_000)).toBe('NORMAL_CLEARING');
    // The callcenter app returned (how the runtime ends the wait is its own business) before the overflow spoke.
    const events = await call.events();
    const left = events.findIndex((e) => e.name === 'CHANNEL_EXECUTE_COMPLETE' && e.header('Application') === 'callcenter');
    const overflow = events.findIndex((e) => e.name === 'CHANNEL_EXECUTE' && e.header('Application') === 'speak' && (e.header('Application-Data') ?? '').includes('waited too long'));
    expect(left).toBeGreaterThanOrEqual(0);
    expect(left).toBeLessThan(overflow);
  });

  it('the callback key takes the caller out of the queue by the callbackRequested route', async () => {
    const call = await env.observer.call('+15550214');
    await call.executes('callcenter');
    await until('the caller waits in the queue', async () => (await members(UNSTAFFED)).includes(call.caller));
    // The caller presses once the offer has been said. The runtime broadcasts it as `loop_playback +1 say:…` (the
    // app reads no DTMF, so callcenter's hold music gets the key; see runtime/src/freeswitch/commands.ts announce).
    const uuid = await call.bLeg;
    await env.observer.waitFor(
      (e) => e.uuid === uuid && e.name === 'CHANNEL_EXECUTE_COMPLETE' && e.header('Application') === ANNOUNCE_APP && (e.header('Application-Data') ?? '').includes('press 1'),
      30_000,
      'the callback offer to be said',
    );
    await call.dtmf('1');
    expect(await call.ended(20_000)).toBe('NORMAL_CLEARING');
    expect(await env.spokenOn(call)).toContain('We will call you back.');
    expect(await env.spokenOn(call)).not.toContain('Goodbye.');
    const completed = (await call.events()).find((e) => e.name === 'CHANNEL_EXECUTE_COMPLETE' && e.header('Application') === 'callcenter');
    expect(completed?.header('variable_cc_cancel_reason')).toBe('EXIT_WITH_KEY');
    expect(await members(UNSTAFFED)).not.toContain(call.caller);
  });
});
