import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { apiError, renderWithApi, users } from '../test/fake-api';
import chinaIcs from '../../../../flows/test/fixtures/calendars/china-2027.ics?raw';
import { CalendarPage, CalendarsPage } from './CalendarsPage';

const stored = {
  name: 'CN-2027',
  timezone: 'Asia/Shanghai',
  currentRevision: 3,
  revision: 3,
  document: {
    schemaVersion: 1,
    name: 'CN-2027',
    timezone: 'Asia/Shanghai',
    description: '',
    entries: [
      { kind: 'closed', name: 'Spring Festival', date: '2027-02-06', until: '2027-02-13' },
      { kind: 'workday', name: 'Make-up day', date: '2027-02-20', as: 'friday' },
    ],
  },
  diagnostics: [],
  savedBy: 'Publisher <publisher@example.com>',
  savedAt: '2026-12-03T10:00:00.000Z',
  author: 'Publisher <publisher@example.com>',
  message: '',
};

describe('calendars pages', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('a publisher edits entries, sees a mistake named on its row, and saves on the revision it loaded', async () => {
    const { log } = renderWithApi(<CalendarPage name="CN-2027" />, {
      user: users.publisher,
      handlers: {
        'calendars.get': () => stored,
        'calendars.revisions': () => [{ number: 3, author: 'Publisher <publisher@example.com>', message: 'State Council notice', createdAt: '2026-12-03T10:00:00.000Z', current: true }],
        'calendars.save': (input) => ({ name: 'CN-2027', revision: 4, changed: true, diagnostics: [], input }),
      },
    });
    const table = await screen.findByTestId('calendar-entries');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    fireEvent.change(screen.getByLabelText('Date of entry 1'), { target: { value: '2027-02-30' } });
    expect(table.textContent).toContain('SB126 "2027-02-30" is not a calendar date');
    expect((screen.getByRole('button', { name: 'Save calendar' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Date of entry 1'), { target: { value: '2027-02-05' } });
    await userEvent.click(screen.getByRole('button', { name: 'Add an entry' }));
    fireEvent.change(screen.getByLabelText('Name of entry 3'), { target: { value: 'Christmas Eve' } });
    fireEvent.change(screen.getByLabelText('Kind of entry 3'), { target: { value: 'hours' } });
    fireEvent.change(screen.getByLabelText('Date of entry 3'), { target: { value: '12-24' } });
    fireEvent.change(screen.getByLabelText('Hours of entry 3'), { target: { value: '09:00-15:00' } });
    // The 12-month preview follows the edits.
    expect(screen.getByTestId('calendar-preview').textContent).toContain('Open 09:00–15:00 only');
    await userEvent.click(screen.getByRole('button', { name: 'Save calendar' }));
    await waitFor(() => expect(log.calls.some((c) => c.path === 'calendars.save')).toBe(true));
    const saved = log.calls.find((c) => c.path === 'calendars.save')?.input as { baseRevision: number; document: { entries: unknown[] } };
    expect(saved.baseRevision).toBe(3);
    expect(saved.document.entries).toEqual([
      { kind: 'closed', name: 'Spring Festival', date: '2027-02-05', until: '2027-02-13' },
      { kind: 'workday', name: 'Make-up day', date: '2027-02-20', as: 'friday' },
      { kind: 'hours', name: 'Christmas Eve', date: '12-24', hours: [{ open: '09:00', close: '15:00' }] },
    ]);
    expect(await screen.findByText('Saved as revision 4: new calls use it now.')).toBeTruthy();
  });

  it('deleting a calendar live flows use shows the server\'s refusal naming them', async () => {
    renderWithApi(<CalendarPage name="CN-2027" />, {
      user: users.admin,
      handlers: {
        'calendars.get': () => stored,
        'calendars.revisions': () => [],
        'calendars.delete': () => {
          throw apiError('PRECONDITION_FAILED', 'Calendar "CN-2027" is used by live flows: "holidays" v1 on +15550101 (production); remove it from their schedules and publish them first');
        },
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete calendar' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText(/is used by live flows: "holidays" v1 on \+15550101 \(production\)/)).toBeTruthy();
  });

  it('is read-only for an editor, with the reason, in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    renderWithApi(<CalendarPage name="CN-2027" />, { user: users.editor, handlers: { 'calendars.get': () => stored, 'calendars.revisions': () => [] } });
    expect(await screen.findByTestId('calendar-read-only')).toBeTruthy();
    expect((screen.getByLabelText('第 1 条的名称') as HTMLInputElement).readOnly).toBe(true);
    expect((screen.getByRole('button', { name: '保存日历' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: '添加条目' })).toBeNull();
  });

  it('shows what an .ics file was understood as before saving it', async () => {
    const ics = chinaIcs;
    const { log } = renderWithApi(<CalendarsPage />, {
      user: users.admin,
      handlers: { 'calendars.list': () => [], 'calendars.save': () => ({ name: 'CN-2027', revision: 1, changed: true, diagnostics: [] }) },
    });
    const input = (await screen.findByLabelText('iCalendar file (.ics)')) as HTMLInputElement;
    await userEvent.upload(input, new File([ics], 'china-2027.ics', { type: 'text/calendar' }));
    const understood = await screen.findByTestId('ics-understood');
    expect(understood.textContent).toContain('春节 Spring Festival: closed 2027-02-06 – 2027-02-13');
    expect(screen.getByTestId('ics-warnings').textContent).toContain('line 163');
    expect(log.calls.some((c) => c.path === 'calendars.save')).toBe(false);
    fireEvent.change(screen.getByPlaceholderText('中国节假日 China holidays 2027'), { target: { value: 'CN-2027' } });
    await userEvent.click(screen.getByRole('button', { name: 'Save as new calendar “CN-2027”' }));
    await waitFor(() => expect(log.calls.find((c) => c.path === 'calendars.save')?.input).toMatchObject({ baseRevision: null, document: { name: 'CN-2027', timezone: 'Asia/Shanghai' } }));
  });
});
