import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flowDocument, hangupNode } from '../src/flows.js';
import type { TestCall } from '../src/observer.js';
import { startSuite, type SuiteEnvironment } from '../src/suite.js';

const NUMBER = '+15550261';
const CALLS_IN_PROGRESS = 50;
const NEW_CALLS = 5;

/** A menu that waits for one key; versions differ only in their prompt tone. Tones, not speech: 55 calls at once would put flite on the CPU instead of the runtime. */
function keypad(version: 1 | 2) {
  return flowDocument(
    'Hot swap',
    [
      { id: 'ask', type: 'collectDigits', data: { prompt: { text: { en: `Version ${version}.` }, audio: `tone_stream://%(300,0,${version === 1 ? 440 : 880})` }, minDigits: 1, maxDigits: 1, pattern: '[1-9]', timeoutSeconds: 60, maxRetries: 0 } },
      hangupNode('done'),
      hangupNode('gaveUp'),
    ],
    [
      ['ask', 'ok', 'done'],
      ['ask', 'failed', 'gaveUp'],
    ],
  );
}

let env: SuiteEnvironment;
beforeAll(async () => {
  env = await startSuite();
  expect(await env.switchboard.deploy(NUMBER, keypad(1))).toBe(1);
});
afterEach(async () => {
  await env.observer.hangUpEverything();
});
afterAll(async () => {
  await env?.close();
});

async function placeAndWaitInMenu(count: number): Promise<TestCall[]> {
  const calls = await Promise.all(Array.from({ length: count }, () => env.observer.call(NUMBER)));
  await Promise.all(calls.map((call) => call.executes('play_and_get_digits', undefined, 60_000)));
  return calls;
}

describe('hot swap on a real switch', () => {
  it(`publishing while ${CALLS_IN_PROGRESS} calls wait in a menu: they finish on v1, new calls get v2, none fails`, async () => {
    const inProgress = await placeAndWaitInMenu(CALLS_IN_PROGRESS);
    expect((await env.observer.channels()).length).toBe(CALLS_IN_PROGRESS * 2);

    expect(await env.switchboard.deploy(NUMBER, keypad(2))).toBe(2);
    const newer = await placeAndWaitInMenu(NEW_CALLS);

    const all = [...inProgress, ...newer];
    await Promise.all(all.map((call) => call.dtmf('1')));
    const causes = await Promise.all(all.map((call) => call.ended(60_000)));
    expect(new Set(causes)).toEqual(new Set(['NORMAL_CLEARING']));

    const records = await Promise.all(all.map((call) => env.switchboard.callRecord(call.caller)));
    expect(records.slice(0, CALLS_IN_PROGRESS).map((record) => record.versionNumber)).toEqual(Array(CALLS_IN_PROGRESS).fill(1));
    expect(records.slice(CALLS_IN_PROGRESS).map((record) => record.versionNumber)).toEqual(Array(NEW_CALLS).fill(2));
    expect(records.filter((record) => record.outcome !== 'selfServed')).toEqual([]);
    for (const record of records) expect(record.visits.map((visit) => visit.nodeId)).toEqual(['start', 'ask', 'done']);

    const prompts = await Promise.all(all.map(async (call) => (await call.events()).find((e) => e.name === 'CHANNEL_EXECUTE' && e.header('Application') === 'play_and_get_digits')?.header('Application-Data') ?? ''));
    expect(prompts.slice(0, CALLS_IN_PROGRESS).every((data) => data.includes('%(300,0,440)'))).toBe(true);
    expect(prompts.slice(CALLS_IN_PROGRESS).every((data) => data.includes('%(300,0,880)'))).toBe(true);
    // None fell into the dialplan fallback.
    const fallbacks = (await env.log()).filter((line) => line.includes('[WARNING]') && line.includes('using the dialplan fallback'));
    expect(fallbacks).toEqual([]);
    await env.observer.noChannels();
  });
});
