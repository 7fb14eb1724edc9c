import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeHandle } from '@switchboard/runtime';
import { flowDocument, hangupNode, say } from '../src/flows.js';
import type { TestCall } from '../src/observer.js';
import { startSuite, type SuiteEnvironment } from '../src/suite.js';

/** A call that lasts a few seconds: long enough to be in progress while its runtime is told to stop. */
const SHORT_TALK = flowDocument(
  'Rolling restart talk',
  [
    { id: 'talk', type: 'announcement', data: { prompt: say('Thank you for calling. This message takes a few seconds, so that it is still playing when the runtime restarts.') } },
    hangupNode('bye', 'Goodbye.'),
  ],
  [['talk', 'next', 'bye']],
);
const NUMBER = '+15550281';

/** A menu that waits for one key (a tone, not speech: a hundred calls at once would put flite on the CPU). */
const WAIT_FOR_KEY = flowDocument(
  'Rolling restart keypad',
  [
    { id: 'ask', type: 'collectDigits', data: { prompt: { text: { en: 'Press a key.' }, audio: 'tone_stream://%(300,0,440)' }, minDigits: 1, maxDigits: 1, pattern: '[1-9]', timeoutSeconds: 60, maxRetries: 1 } },
    hangupNode('done'),
    hangupNode('gaveUp'),
  ],
  [
    ['ask', 'ok', 'done'],
    ['ask', 'failed', 'gaveUp'],
  ],
);
const KEYPAD_NUMBER = '+15550282';
const LIVE_CALLS = 100;

let env: SuiteEnvironment;
const extra: RuntimeHandle[] = [];
beforeAll(async () => {
  env = await startSuite();
  await env.switchboard.deploy(NUMBER, SHORT_TALK);
  await env.switchboard.deploy(KEYPAD_NUMBER, WAIT_FOR_KEY);
});
afterAll(async () => {
  for (const runtime of extra) await runtime.close(0);
  await env?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rolling restart of two runtimes behind one dialplan', () => {
  it('calls keep flowing while each runtime in turn drains and restarts: none cut, none in the fallback', async () => {
    const first = env.switchboard.runtime;
    const second = await env.switchboard.startRuntime();
    extra.push(second);
    const portA = first.outboundPort;
    const portB = second.outboundPort;
    // FreeSWITCH's socket app tries the listed runtimes in turn until one accepts (runtime/README.md).
    await env.pointSwitchAt(`127.0.0.1:${portA}|127.0.0.1:${portB}`);
    for (const runtime of [first, second]) expect(runtime.registry.lookup(NUMBER)?.flowName).toBe('Rolling restart talk');

    const calls: TestCall[] = [];
    let placing = true;
    const placer = (async () => {
      while (placing) {
        calls.push(await env.observer.call(NUMBER));
        await pause(300);
      }
    })();

    await pause(2_000);
    // Runtime A stops: it takes no new call at once and its calls finish; then it comes back on its port.
    const drainA = first.close(60_000);
    expect(first.health().status).toBe('draining');
    await pause(1_500);
    await drainA;
    const restartedA = await env.switchboard.startRuntime(portA);
    extra.push(restartedA);
    await pause(2_000);
    // Then B, the same way.
    const drainB = second.close(60_000);
    await pause(1_500);
    await drainB;
    const restartedB = await env.switchboard.startRuntime(portB);
    extra.push(restartedB);
    await pause(2_000);
    placing = false;
    await placer;

    expect(calls.length).toBeGreaterThanOrEqual(20);
    const causes = await Promise.all(calls.map((call) => call.ended(60_000)));
    expect(causes.filter((cause) => cause !== 'NORMAL_CLEARING')).toEqual([]);
    const records = await Promise.all(calls.map((call) => env.switchboard.callRecord(call.caller, 30_000)));
    const outcomes = records.map((record) => record.outcome);
    // Every call ran the flow to its end on some runtime: no `shutdownDrained` (cut), no `fallback`.
    expect(outcomes.filter((outcome) => outcome !== 'selfServed')).toEqual([]);
    expect(records.every((record) => record.visits.at(-1)?.nodeId === 'bye')).toBe(true);
    for (const call of calls) {
      expect((await call.applications()).filter((app) => app.startsWith('log(WARNING Switchboard runtime unavailable'))).toEqual([]);
    }
    // The calls were spread over the runtimes as they went and came: A, B and at least one restarted one.
    const rows = await env.switchboard.database.prisma.callRecord.findMany({ where: { callerNumber: { in: calls.map((call) => call.caller) } }, select: { runtimeInstance: true } });
    expect(new Set(rows.map((row) => row.runtimeInstance)).size).toBeGreaterThanOrEqual(3);
    await env.observer.noChannels();
  });

  it(`each runtime in turn restarts while it holds ${LIVE_CALLS} live calls: they finish on it, new calls go to the other, none cut`, async () => {
    const runtimes = [env.switchboard.runtime, ...extra];
    // The previous test left restarted runtimes listening on A's and B's ports; use the last two.
    let [first, second] = runtimes.slice(-2) as [RuntimeHandle, RuntimeHandle];
    await env.pointSwitchAt(`127.0.0.1:${first.outboundPort}|127.0.0.1:${second.outboundPort}`);
    const place = async (count: number): Promise<TestCall[]> => {
      const calls: TestCall[] = [];
      // In small batches, as callers arrive, not one burst.
      for (let index = 0; index < count; index += 10) calls.push(...(await Promise.all(Array.from({ length: Math.min(10, count - index) }, () => env.observer.call(KEYPAD_NUMBER)))));
      await Promise.all(calls.map((call) => call.executes('play_and_get_digits', undefined, 60_000)));
      return calls;
    };
    const finish = (calls: readonly TestCall[]) => Promise.all(calls.map((call) => call.dtmf('1')));

    // The dialplan tries A first: A takes them all.
    const onA = await place(LIVE_CALLS);
    expect(first.health().activeCalls).toBe(LIVE_CALLS);
    const drainA = first.close(120_000);
    expect(first.health().status).toBe('draining');
    // A takes no new call: these go to B while A's hundred are still live.
    const onB = await place(LIVE_CALLS / 2);
    expect(second.health().activeCalls).toBe(LIVE_CALLS / 2);
    expect(first.health().activeCalls).toBe(LIVE_CALLS);
    await finish(onA);
    await drainA;
    first = await env.switchboard.startRuntime(first.outboundPort);
    extra.push(first);

    const drainB = second.close(120_000);
    const onNewA = await place(LIVE_CALLS / 2);
    expect(first.health().activeCalls).toBe(LIVE_CALLS / 2);
    await finish(onB);
    await drainB;
    second = await env.switchboard.startRuntime(second.outboundPort);
    extra.push(second);
    await finish(onNewA);

    const all = [...onA, ...onB, ...onNewA];
    const causes = await Promise.all(all.map((call) => call.ended(60_000)));
    expect(causes.filter((cause) => cause !== 'NORMAL_CLEARING')).toEqual([]);
    const records = await Promise.all(all.map((call) => env.switchboard.callRecord(call.caller, 30_000)));
    expect(records.filter((record) => record.outcome !== 'selfServed').map((record) => record.outcome)).toEqual([]);
    for (const record of records) expect(record.visits.map((visit) => visit.nodeId)).toEqual(['start', 'ask', 'done']);
    for (const call of all) {
      expect((await call.applications()).filter((app) => app.startsWith('log(WARNING Switchboard runtime unavailable'))).toEqual([]);
    }
    console.log(`rolling restart under load: ${all.length} calls, ${LIVE_CALLS} live on A and ${LIVE_CALLS / 2} on B when A restarted, ${causes.filter((cause) => cause !== 'NORMAL_CLEARING').length} cut`);
    await env.observer.noChannels();
  }, 300_000);
});
