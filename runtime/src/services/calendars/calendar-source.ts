import type { Database } from '@switchboard/db';
import type { CalendarSource, StoredCalendar } from '../contracts.js';

/**
 * Calendars' current revisions from the platform's database (`calendars.current_revision` joined to
 * `calendar_revisions`). Every call reads the database (errors propagate): caching is the calendar store's job.
 */
export function createCalendarSource(db: Pick<Database, 'prisma'>): CalendarSource {
  const current = async (where: { name?: string }): Promise<StoredCalendar[]> => {
    const calendars = await db.prisma.calendar.findMany({ where, select: { id: true, name: true, currentRevision: true }, orderBy: { name: 'asc' } });
    if (calendars.length === 0) return [];
    const revisions = await db.prisma.calendarRevision.findMany({
      where: { OR: calendars.map((calendar) => ({ calendarId: calendar.id, number: calendar.currentRevision })) },
      select: { calendarId: true, number: true, document: true },
    });
    const byCalendar = new Map(revisions.map((revision) => [revision.calendarId, revision]));
    return calendars.flatMap((calendar) => {
      const revision = byCalendar.get(calendar.id);
      return revision ? [{ name: calendar.name, revision: revision.number, document: revision.document }] : [];
    });
  };
  return {
    currentCalendars: () => current({}),
    async currentCalendar(name) {
      return (await current({ name }))[0] ?? null;
    },
  };
}
