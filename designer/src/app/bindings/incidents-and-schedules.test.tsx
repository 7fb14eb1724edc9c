import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { renderWithApi, users } from '../test/fake-api';
import { BindingsPage } from './BindingsPage';

const bindings = [
  { id: 'b1', address: '+15550100', environment: 'production', flowName: 'Main menu', versionNumber: 2, contentHash: 'abc', updatedAt: '2026-12-01T00:00:00.000Z' },
  { id: 'b2', address: '+15550101', environment: 'production', flowName: 'Main menu', versionNumber: 2, contentHash: 'abc', updatedAt: '2026-12-01T00:00:00.000Z' },
];
const globalOutage = {
  id: '0e6c2f8e-0000-4000-8000-000000000001',
  environment: 'production',
  address: null,
  mode: 'emergency',
  announcement: {},
  reason: 'network outage',
  startedAt: '2026-12-04T09:00:00.000Z',
  startedBy: { displayName: 'Pat Publisher', email: 'publisher@example.com' },
  endsAt: '2026-12-04T18:00:00.000Z',
  on: true,
  endedAt: null,
  endedBy: null,
  endedReason: null,
};
const ownAnnouncement = { ...globalOutage, id: '0e6c2f8e-0000-4000-8000-000000000002', address: '+15550101', mode: 'announce', endsAt: null, reason: 'billing outage' };

function show(role: keyof typeof users, active: unknown[]) {
  return renderWithApi(<BindingsPage />, {
    user: users[role],
    handlers: {
      'deployments.list': () => bindings,
      'deployments.history': () => [],
      'flows.list': () => [{ id: 'f1', name: 'Holiday hours', latestVersionNumber: 3, archivedAt: null }],
      'switches.capabilities': () => [],
      'incidents.list': () => ({ active, recent: [] }),
      'incidents.switchOn': () => globalOutage,
      'schedules.timeline': () => ({
        address: '+15550100',
        environment: 'production',
        timeZone: 'Europe/London',
        timeZoneSource: 'flow',
        live: 'Main menu v2',
        schedules: [{ id: 's1', flowName: 'Holiday hours', versionNumber: 3, startsAtLocal: '2026-12-24T00:00', endsAtLocal: '2026-12-27T00:00', status: 'pending', reason: 'Christmas', finishNote: null }],
        segments: [
          { from: 0, to: 1, label: 'Main menu v2', scheduleId: null, fromLocal: '2026-12-04T10:00', toLocal: '2026-12-24T00:00' },
          { from: 1, to: 2, label: 'Holiday hours v3', scheduleId: 's1', fromLocal: '2026-12-24T00:00', toLocal: '2026-12-27T00:00' },
          { from: 2, to: null, label: 'Main menu v2', scheduleId: null, fromLocal: '2026-12-27T00:00', toLocal: null },
        ],
      }),
      'schedules.create': () => ({ id: 's2' }),
    },
  });
}

describe('numbers page: incident overrides and scheduled publishing', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('shows which bindings an override affects and until when: the global one, unless the binding has its own', async () => {
    show('tester', [globalOutage, ownAnnouncement]);
    const first = await screen.findByTestId('binding-production-+15550100');
    expect(within(first).getByTestId('binding-incident').textContent).toMatch(/^Emergency routing \(all numbers\) until .* — network outage/);
    expect(within(screen.getByTestId('binding-production-+15550101')).getByTestId('binding-incident').textContent).toMatch(/^Announcement first \(this number\) — billing outage/);
    // testers see it but cannot switch it
    const button = within(first).getByRole('button', { name: /Switch on for \+15550100/ });
    expect(button).toHaveProperty('disabled', true);
  });

  it('a publisher switches an override on through a confirmation dialog that needs a reason', async () => {
    const { log } = show('publisher', []);
    fireEvent.click(within(await screen.findByTestId('incident-production-all')).getByRole('button', { name: /Switch on for production/ }));
    const dialog = screen.getByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Switch on' });
    expect(confirm).toHaveProperty('disabled', true);
    fireEvent.click(within(dialog).getByLabelText(/Announcement first/));
    fireEvent.change(within(dialog).getByLabelText('Announcement in en'), { target: { value: 'If you are calling about the outage, press 5.' } });
    fireEvent.change(within(dialog).getByLabelText(/Why/), { target: { value: 'network outage' } });
    fireEvent.click(confirm);
    await waitFor(() => expect(log.calls.find((c) => c.path === 'incidents.switchOn')?.input).toEqual({
      environment: 'production', address: null, mode: 'announce', announcement: { en: { text: 'If you are calling about the outage, press 5.' } }, reason: 'network outage',
    }));
  });

  it('the schedule dialog shows the timeline in the binding zone and schedules a version', async () => {
    const { log } = show('publisher', []);
    fireEvent.click(within(await screen.findByTestId('binding-production-+15550100')).getByRole('button', { name: 'Schedule…' }));
    const dialog = screen.getByRole('dialog');
    await within(dialog).findByText(/Times are in Europe\/London/);
    expect(within(dialog).getByTestId('schedule-timeline').textContent).toContain('Holiday hours v3 from 2026-12-24 00:00 to 2026-12-27 00:00');
    expect(within(dialog).getByTestId('schedules').textContent).toContain('Waiting');
    fireEvent.change(within(dialog).getByLabelText('Flow'), { target: { value: 'Holiday hours' } });
    fireEvent.change(within(dialog).getByLabelText(/Goes live at/), { target: { value: '2026-12-31T18:00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }));
    await waitFor(() => expect(log.calls.find((c) => c.path === 'schedules.create')?.input).toMatchObject({ address: '+15550100', flowName: 'Holiday hours', versionNumber: 3, startsAt: '2026-12-31T18:00', endsAt: null }));
  });

  it('in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    show('tester', [globalOutage]);
    const row = await screen.findByTestId('binding-production-+15550100');
    expect(within(row).getByTestId('binding-incident').textContent).toContain('紧急路由（所有号码）');
  });
});
