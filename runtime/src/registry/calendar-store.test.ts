import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeCalendarSource, FakeDeploymentFeed, FakeVersionSource } from '../testing/fakes.js';
import { compiledFlow, liveVersion } from '../testing/flows.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { CalendarStore } from './calendar-store.js';
import { FlowRegistry } from './registry.js';

const logger = pino({ level: 'silent' });
const hours = [{ open: '09:00', close: '18:00' }];

/** Looks the caller up in a CRM first (the test holds those requests), then routes by a schedule naming CN-2027. */
const holidayLine = compiledFlow(
  'Holiday line',
  [
    { id: 'start', type: 'start' },
    { id: 'crm', type: 'httpRequest', data: { url: 'http://crm.invalid/lookup', timeoutMs: 20_000 } },
    { id: 'hours', type: 'schedule', data: { timezone: 'Asia/Shanghai', weekly: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours }, calendars: ['CN-2027'] } },
    { id: 'open', type: 'announcement', data: { prompt: { text: { en: 'We are open.' } } } },
    { id: 'holiday', type: 'announcement', data: { prompt: { text: { en: 'Happy Spring Festival.' } } } },
    { id: 'bye', type: 'hangup' },
  ],
  ['start:next->crm', 'crm:ok->hours', 'crm:error->hours', 'hours:open->open', 'hours:closed->bye', 'hours:holiday->holiday', 'hours:emergency->bye', 'open:next->bye', 'holiday:next->bye'],
);

const revision = (number: number, entries: unknown[]) => ({ name: 'CN-2027', revision: number, document: { name: 'CN-2027', timezone: 'Asia/Shanghai', entries } });
const festival = { kind: 'closed', name: 'Spring Festival', date: '2027-02-06', until: '2027-02-13' };
const qingming = { kind: 'closed', name: 'Qingming', date: '2027-04-05' };

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('calendars in the runtime', () => {
  it('a saved calendar reaches new calls at once, while calls in progress keep the revision they started with', async () => {
    const held: Array<() => void> = [];
    const gatedFetch = (() => new Promise<Response>((resolve) => held.push(() => resolve(new Response('{}', { status: 200 }))))) as typeof fetch;
    // Monday 2027-02-08 10:00 in Shanghai: an ordinary Monday in revision 1, the Spring Festival in revision 2.
    harness = await startHarness({
      source: new FakeVersionSource([liveVersion('1000', holidayLine, 1)]),
      calendars: new FakeCalendarSource([revision(1, [qingming])]),
      startAt: Date.parse('2027-02-08T02:00:00Z'),
      fetch: gatedFetch,
    });
    const h = harness;
    const before = h.emulator.placeCall({ destination: '1000' });
    await until(() => held.length === 1);

    h.calendarSource.save(revision(2, [qingming, festival]));
    h.feed.notifyCalendar({ name: 'CN-2027', revision: 2 });
    await until(() => h.registry.lookup('1000')?.program.calendars?.['CN-2027']?.revision === 2);

    const after = h.emulator.placeCall({ destination: '1000' });
    await until(() => held.length === 2);
    for (const release of held) release();
    const [first, second] = await Promise.all([h.summaryOf(before.bLegUuid), h.summaryOf(after.bLegUuid)]);
    expect([first.outcome, second.outcome]).toEqual(['selfServed', 'selfServed']);

    const leftSchedule = (callId: string) => h.analytics.visits.find((visit) => visit.callId === callId && visit.arrivedFrom?.nodeId === 'hours');
    expect(leftSchedule(before.bLegUuid)).toMatchObject({ nodeId: 'open', arrivedFrom: { outlet: 'open', reason: expect.stringMatching(/^open: Monday 09:00–18:00 at 2027-02-08T10:\d\d Asia\/Shanghai$/) } });
    expect(leftSchedule(after.bLegUuid)).toMatchObject({ nodeId: 'holiday', arrivedFrom: { outlet: 'holiday', reason: expect.stringMatching(/^holiday: Spring Festival \(calendar CN-2027 rev 2\) at 2027-02-08T10:\d\d Asia\/Shanghai$/) } });
    const spoken = (uuid: string) => h.commands.get(uuid)?.find((command) => command.startsWith('execute speak'));
    expect([spoken(before.bLegUuid), spoken(after.bLegUuid)]).toEqual(['execute speak flite|kal|We are open.', 'execute speak flite|kal|Happy Spring Festival.']);
  }, 30_000);

  it('a deleted calendar: new calls decide without it, never fail, and the visit says so', async () => {
    harness = await startHarness({
      source: new FakeVersionSource([liveVersion('1000', holidayLine, 1)]),
      calendars: new FakeCalendarSource([revision(1, [festival])]),
      startAt: Date.parse('2027-02-08T02:00:00Z'),
      fetch: (async () => new Response('{}', { status: 200 })) as typeof fetch,
    });
    const h = harness;
    h.calendarSource.delete('CN-2027');
    h.feed.notifyCalendar({ name: 'CN-2027', revision: null });
    await until(() => h.registry.lookup('1000')?.program.calendars?.['CN-2027'] === undefined);
    const call = h.emulator.placeCall({ destination: '1000' });
    expect((await h.summaryOf(call.bLegUuid)).outcome).toBe('selfServed');
    const visit = h.analytics.visits.find((v) => v.callId === call.bLegUuid && v.arrivedFrom?.nodeId === 'hours');
    expect(visit?.arrivedFrom?.reason).toMatch(/^open: Monday 09:00–18:00; calendar "CN-2027" not found, left out at /);
  }, 30_000);
});

describe('CalendarStore', () => {
  it('keeps serving the revisions it has while the database is down, and ignores a revision that does not compile', async () => {
    const source = new FakeCalendarSource([revision(1, [festival])]);
    const feed = new FakeDeploymentFeed();
    const store = new CalendarStore({ source, logger, retry: { initialMs: 5, maxMs: 10 } });
    await store.start(feed);
    const registry = new FlowRegistry({ source: new FakeVersionSource([liveVersion('1000', holidayLine, 1)]), environment: 'production', logger, calendars: store });
    await registry.start(feed);
    expect(registry.lookup('1000')?.program.calendars?.['CN-2027']?.revision).toBe(1);

    source.failing = true;
    source.save(revision(2, [qingming]));
    feed.notifyCalendar({ name: 'CN-2027', revision: 2 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(store.snapshot['CN-2027']?.revision).toBe(1);
    expect(store.health.lastError).toBe('database unavailable');
    source.failing = false;
    await until(() => store.snapshot['CN-2027']?.revision === 2);
    expect(registry.lookup('1000')?.program.calendars?.['CN-2027']?.revision).toBe(2);

    // A notice missed while the bus reconnected: the store reads every calendar again once it listens again.
    const reconnects = new Set<() => void>();
    const reconnecting = Object.assign(new FakeDeploymentFeed(), { onReconnect: (listener: () => void) => (reconnects.add(listener), () => reconnects.delete(listener)) });
    const second = new CalendarStore({ source, logger });
    await second.start(reconnecting);
    source.save(revision(5, [festival]));
    for (const listener of reconnects) listener();
    await until(() => second.snapshot['CN-2027']?.revision === 5);
    second.close();
    expect(reconnects.size).toBe(0);

    source.save({ ...revision(6, []), document: { name: 'CN-2027', timezone: 'Mars/Olympus', entries: [] } });
    feed.notifyCalendar({ name: 'CN-2027', revision: 6 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Revision 6 does not compile: the store keeps the revision it had.
    expect(store.snapshot['CN-2027']?.revision).toBe(2);
    registry.close();
    store.close();
  });
});
