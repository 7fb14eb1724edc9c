import { compileCalendar, CalendarDocumentSchema, parseFlowDocument, type FlowDocument } from '@switchboard/flows';
import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../i18n';
import holidayHoursJson from '../../../flows/examples/holiday-hours.json';
import { SimulatorPanel } from './SimulatorPanel';
import type { CalendarLibrary } from './useCalendarLibrary';

/** The holiday-hours example with its schedule in Shanghai, naming CN-2027 (and Company when asked). */
function shanghaiHolidayLine(calendars: string[]): FlowDocument {
  const json = structuredClone(holidayHoursJson) as { nodes: Array<{ id: string; data: Record<string, unknown> }> };
  const hours = json.nodes.find((node) => node.id === 'hours')!;
  hours.data = { ...hours.data, timezone: 'Asia/Shanghai', holidays: [], calendars };
  const parsed = parseFlowDocument(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.document;
}

const cn2027 = compileCalendar(
  CalendarDocumentSchema.parse({ name: 'CN-2027', timezone: 'Asia/Shanghai', entries: [{ kind: 'closed', name: 'Spring Festival', date: '2027-02-06', until: '2027-02-13' }] }),
  3,
).calendar;

function show(document: FlowDocument, calendars: CalendarLibrary, now = Date.parse('2027-02-08T02:00:00Z')) {
  render(
    <I18nextProvider i18n={i18n}>
      <SimulatorPanel now={() => now} document={document} onHighlights={vi.fn()} calendars={calendars} />
    </I18nextProvider>,
  );
}

describe('simulator with calendars', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('starts in the schedule\'s time zone at now there, and on a calendar holiday says which calendar revision decided', () => {
    show(shanghaiHolidayLine(['CN-2027']), { calendars: { 'CN-2027': cn2027 }, missing: [], loading: false, loadError: null });
    // 02:00 UTC is 10:00 in Shanghai on Monday 8 February 2027.
    expect((screen.getByLabelText('Date') as HTMLInputElement).value).toBe('2027-02-08');
    expect((screen.getByLabelText('Time', { exact: true }) as HTMLInputElement).value).toBe('10:00');
    expect(screen.getByTestId('calendar-notice').textContent).toBe('Calendars used (current revisions): CN-2027 rev 3');
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    expect(screen.getByTestId('schedule-decision').textContent).toContain('Schedule hours took “Holiday”: holiday: Spring Festival (calendar CN-2027 rev 3) at 2027-02-08T10:00 Asia/Shanghai');
    expect(screen.getAllByTestId('heard')[0]?.textContent).toContain('We are closed for the holiday');

    // The day after the festival: the weekly hours decide, and the transcript says so.
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2027-02-15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start again' }));
    expect(screen.getByTestId('schedule-decision').textContent).toMatch(/Schedule hours took “Open”: open: Monday \d\d:\d\d–\d\d:\d\d at 2027-02-15T10:00 Asia\/Shanghai/);
  });

  it('a calendar that does not exist: warned before the call, and the call decides without it as the runtime does', () => {
    show(shanghaiHolidayLine(['CN-2027', 'Company']), { calendars: { 'CN-2027': cn2027 }, missing: ['Company'], loading: false, loadError: null });
    expect(screen.getByTestId('calendar-missing').textContent).toBe('Calendar “Company” does not exist: schedules decide without it, as live calls would.');
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    expect(screen.getByTestId('simulator-transcript').textContent).toContain('Schedule hours: calendar “Company” does not exist; decided without it');
    expect(screen.getByTestId('schedule-decision').textContent).toContain('holiday: Spring Festival (calendar CN-2027 rev 3); calendar "Company" not found, left out');
  });
});
