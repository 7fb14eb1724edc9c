import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../call/clock.js';
import { FakeVersionSource } from '../testing/fakes.js';
import { compiledFlow, greetingFlow, liveVersion } from '../testing/flows.js';
import { startHarness, type Harness } from '../testing/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** v1 looks the caller up in a CRM first (the test holds those requests), then says "version one". */
const v1 = compiledFlow(
  'Main',
  [
    { id: 'start', type: 'start' },
    { id: 'crm', type: 'httpRequest', data: { url: 'http://crm.invalid/lookup', timeoutMs: 20_000 } },
    { id: 'hello', type: 'announcement', data: { prompt: { text: { en: 'This is version one.' } } } },
    { id: 'bye', type: 'hangup' },
  ],
  ['start:next->crm', 'crm:ok->hello', 'crm:error->hello', 'hello:next->bye'],
);
const v2 = greetingFlow('Main', 'This is version two.');

const N = Number(process.env['HOT_SWAP_CALLS'] ?? 300);

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

describe('hot swap under load', () => {
  it('publishing while 300 calls are in progress: they finish on v1, the next 300 run v2, none fails', async () => {
    const held: Array<() => void> = [];
    const gatedFetch = (() => new Promise<Response>((resolve) => held.push(() => resolve(new Response('{}', { status: 200 }))))) as typeof fetch;
    harness = await startHarness({ source: new FakeVersionSource([liveVersion('1000', v1, 1)]), clock: systemClock, fetch: gatedFetch });
    const h = harness;

    const before = Array.from({ length: N }, () => h.emulator.placeCall({ destination: '1000' }));
    await until(() => held.length === N);

    h.source.publish(liveVersion('1000', v2, 2));
    h.feed.notify({ address: '1000', environment: 'production', versionId: 'Main-v2' });
    await until(() => h.registry.lookup('1000')?.versionNumber === 2);

    const after = Array.from({ length: N }, () => h.emulator.placeCall({ destination: '1000' }));
    const afterSummaries = await Promise.all(after.map((call) => h.summaryOf(call.bLegUuid)));
    for (const release of held) release();
    const beforeSummaries = await Promise.all(before.map((call) => h.summaryOf(call.bLegUuid)));

    expect(h.summaries.filter((summary) => summary.fallback !== null || summary.outcome !== 'selfServed')).toEqual([]);
    expect(new Set(beforeSummaries.map((summary) => summary.versionId))).toEqual(new Set(['Main-v1']));
    expect(new Set(afterSummaries.map((summary) => summary.versionId))).toEqual(new Set(['Main-v2']));
    const spoken = (call: { bLegUuid: string }) => h.commands.get(call.bLegUuid)?.find((command) => command.startsWith('execute speak'));
    expect(new Set(before.map(spoken))).toEqual(new Set(['execute speak flite|kal|This is version one.']));
    expect(new Set(after.map(spoken))).toEqual(new Set(['execute speak flite|kal|This is version two.']));
    const causes = await Promise.all([...before, ...after].map(async (call) => (await call.finished).hangupCause));
    expect(new Set(causes)).toEqual(new Set(['NORMAL_CLEARING']));
    expect(await h.metrics.activeCalls.get()).toMatchObject({ values: [{ value: 0 }] });
  }, 30_000);
});
