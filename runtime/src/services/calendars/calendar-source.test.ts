import { deploymentEventsFor, type DeploymentEvents } from '@switchboard/db';
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '@switchboard/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CalendarStore } from '../../registry/calendar-store.js';
import { createCalendarSource } from './calendar-source.js';

const logger = pino({ level: 'silent' });

describe.each(testDatabaseKinds())('calendar source and notices on %s', (kind) => {
  let db: TestDatabase;
  let bus: DeploymentEvents;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    bus = await deploymentEventsFor(db);
  }, 60_000);
  afterAll(async () => {
    await bus?.close();
    await db?.close();
  });
  beforeEach(() => db.reset());

  /** What calendars.save does: a new revision made current, then the notice after the commit. */
  async function save(name: string, entries: object[]): Promise<number> {
    const document = { name, timezone: 'Asia/Shanghai', entries };
    const existing = await db.prisma.calendar.findUnique({ where: { name } });
    const number = (existing?.currentRevision ?? 0) + 1;
    const calendar = existing ?? (await db.prisma.calendar.create({ data: { name, timezone: 'Asia/Shanghai', currentRevision: 1 } }));
    await db.prisma.calendarRevision.create({ data: { calendarId: calendar.id, number, document } });
    if (existing) await db.prisma.calendar.update({ where: { id: calendar.id }, data: { currentRevision: number } });
    await bus.publishCalendarChanged({ name, revision: number, at: new Date().toISOString() });
    return number;
  }

  it('reads current revisions, and a store on the bus picks up a saved revision from its notice (prints how long it took)', async () => {
    await save('CN-2027', [{ kind: 'closed', name: 'Spring Festival', date: '2027-02-06', until: '2027-02-13' }]);
    const source = createCalendarSource(db);
    expect(await source.currentCalendars()).toEqual([{ name: 'CN-2027', revision: 1, document: expect.objectContaining({ name: 'CN-2027' }) }]);
    expect(await source.currentCalendar('Nope')).toBeNull();

    const store = new CalendarStore({ source, logger });
    await store.start(bus);
    expect(store.snapshot['CN-2027']?.revision).toBe(1);
    const savedAt = performance.now();
    await save('CN-2027', [{ kind: 'closed', name: 'Qingming', date: '2027-04-05' }]);
    while (store.snapshot['CN-2027']?.revision !== 2) {
      if (performance.now() - savedAt > 5000) throw new Error('notice never arrived');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const liveAfterMs = performance.now() - savedAt;
    console.log(`calendar change live after ${liveAfterMs.toFixed(1)} ms on ${kind}`);
    expect(store.snapshot['CN-2027']?.entries.map((entry) => entry.name)).toEqual(['Qingming']);
    store.close();
  });
});
