import ICAL from 'ical.js';
import { civilFromDays, daysFromCivil, parseCalendarDate } from '../day-numbers.js';
import type { CalendarDocument, CalendarEntry } from '../schema.js';

/** A leap year to anchor yearly entries in, so 02-29 exports as a date that exists (RFC 5545 then skips other years). */
const ANCHOR_YEAR = 2028;

function dateValue(day: number): ICAL.Time {
  const { year, month, day: d } = civilFromDays(day);
  return ICAL.Time.fromData({ year, month, day: d, isDate: true });
}

/** First and last local day number of an entry (yearly entries anchored in a leap year, year ends crossed). */
function entryDays(entry: CalendarEntry): { first: number; last: number; yearly: boolean } {
  const from = parseCalendarDate(entry.date);
  const until = parseCalendarDate(entry.until ?? entry.date) ?? from;
  if (!from || !until) throw new Error(`entry "${entry.name}" has an invalid date`);
  const yearly = from.year === null;
  const first = daysFromCivil(from.year ?? ANCHOR_YEAR, from.month, from.day);
  let last = daysFromCivil(until.year ?? ANCHOR_YEAR, until.month, until.day);
  if (yearly && last < first) last = daysFromCivil(ANCHOR_YEAR + 1, until.month, until.day);
  return { first, last, yearly };
}

/**
 * A calendar as iCalendar text: one all-day VEVENT per closed day or make-up working day (DTEND exclusive), one
 * timed VEVENT per range of special hours (TZID = the calendar's IANA zone), `RRULE:FREQ=YEARLY` for yearly entries.
 * X-SWITCHBOARD-KIND / X-SWITCHBOARD-AS keep what other calendars have no words for, so importing the file again
 * gives the same entries. `stamp` (epoch ms) is the DTSTAMP: the caller's clock, never read here.
 */
export function exportIcs(document: CalendarDocument, stamp: number): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('prodid', '-//Switchboard//Calendars//EN');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('x-wr-calname', document.name);
  calendar.addPropertyWithValue('x-wr-timezone', document.timezone);
  const dtstamp = ICAL.Time.fromJSDate(new Date(stamp), true);
  const slug = document.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();

  document.entries.forEach((entry, index) => {
    const { first, last, yearly } = entryDays(entry);
    const ranges = entry.kind === 'hours' || (entry.kind === 'workday' && entry.hours && entry.hours.length > 0) ? (entry.hours ?? []) : null;
    const event = (suffix: string) => {
      const component = new ICAL.Component('vevent');
      component.addPropertyWithValue('uid', `${slug}-${index}${suffix}@switchboard`);
      component.addPropertyWithValue('dtstamp', dtstamp);
      component.addPropertyWithValue('summary', entry.name);
      return component;
    };
    const finish = (component: ICAL.Component) => {
      if (yearly) component.addPropertyWithValue('rrule', new ICAL.Recur({ freq: 'YEARLY' }));
      component.addPropertyWithValue('x-switchboard-kind', entry.kind);
      if (entry.kind === 'workday' && entry.as) component.addPropertyWithValue('x-switchboard-as', entry.as);
      calendar.addSubcomponent(component);
    };
    if (ranges === null) {
      const component = event('');
      component.addPropertyWithValue('dtstart', dateValue(first));
      component.addPropertyWithValue('dtend', dateValue(last + 1));
      return finish(component);
    }
    // Special hours: one timed event per day and range, on the calendar's clock.
    for (let day = first; day <= last; day++) {
      const { year, month, day: dayOfMonth } = civilFromDays(day);
      ranges.forEach((range, piece) => {
        const [openHour, openMinute] = range.open.split(':').map(Number) as [number, number];
        const [closeHour, closeMinute] = range.close.split(':').map(Number) as [number, number];
        const component = event(`-${day - first}-${piece}`);
        const start = component.addPropertyWithValue('dtstart', ICAL.Time.fromData({ year, month, day: dayOfMonth, hour: openHour, minute: openMinute, second: 0 }));
        start.setParameter('tzid', document.timezone);
        const endTime = ICAL.Time.fromData({ year, month, day: dayOfMonth, hour: closeHour === 24 ? 0 : closeHour, minute: closeMinute, second: 0 });
        if (closeHour === 24) endTime.day += 1;
        const end = component.addPropertyWithValue('dtend', endTime);
        end.setParameter('tzid', document.timezone);
        finish(component);
      });
    }
  });
  return calendar.toString().replace(/\r?\n/g, '\r\n') + '\r\n';
}
