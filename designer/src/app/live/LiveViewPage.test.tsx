import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { renderWithApi, users } from '../test/fake-api';
import { LiveViewPage } from './LiveViewPage';

function view(callsInFlows: number, waiting: number) {
  return {
    environment: 'production',
    readAt: '2026-12-05T10:00:00.000Z',
    totals: { callsInFlows, callersWaiting: waiting, longestWaitSeconds: waiting > 0 ? 95 : 0, callbacksPending: 2 },
    flows: [
      { environment: 'production', address: '+15550100', flowName: 'support', calls: callsInFlows - 1 },
      { environment: 'production', address: '+15550199', flowName: null, calls: 1 },
    ],
    nodes: [{ environment: 'production', flowName: 'support', nodeId: 'queue', nodeType: 'queue', calls: waiting }],
    queues: [{ queue: 'support@default', callersWaiting: waiting, longestWaitSeconds: waiting > 0 ? 95 : 0, agentsAvailable: 1, agentsLoggedIn: 3, callbacksPending: 2 }],
    runtimes: [
      { instance: 'rt-a', environment: 'production', ageMs: 200, activeCalls: 2, switchId: 'fs1', queueError: null },
      { instance: 'rt-b', environment: 'production', ageMs: 700, activeCalls: 1, switchId: 'fs1', queueError: 'the switch is not connected' },
    ],
    skipped: { stale: 1, unreadable: 0 },
  };
}

describe('live view', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('shows calls in flows, queues with waits, agents and callbacks, and refreshes on its own', async () => {
    let asked = 0;
    const environments: string[] = [];
    renderWithApi(<LiveViewPage />, {
      user: users.tester,
      handlers: {
        'analytics.live': (input) => {
          environments.push((input as { environment: string }).environment);
          asked += 1;
          return asked === 1 ? view(3, 1) : view(5, 2);
        },
      },
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Live' })).toBeTruthy();
    const waiting = within(await screen.findByTestId('live-callersWaiting')).getByTestId('live-value');
    const queueRow = await screen.findByTestId('live-queue-support@default');
    expect(within(queueRow).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['support@default', '1', '1 min 35 sec', '1', '3', '2']);
    expect(screen.getByTestId('live-flow-fallback-+15550199').textContent).toContain('(no live flow: fallback)');
    expect(screen.getByTestId('live-status').textContent).toContain('2 runtimes reporting');
    expect(screen.getByTestId('live-status').textContent).toContain('1 runtime stopped reporting and is left out.');
    expect(screen.getByText('rt-b could not read the queues: the switch is not connected')).toBeTruthy();
    expect(waiting.textContent).toBe('1');

    // Asked again within about a second, without the user doing anything.
    await waitFor(() => expect(within(screen.getByTestId('live-callersWaiting')).getByTestId('live-value').textContent).toBe('2'), { timeout: 3000 });
    expect(within(screen.getByTestId('live-callsInFlows')).getByTestId('live-value').textContent).toBe('5');

    expect(screen.queryByTestId('live-nodes')).toBeNull();
    await userEvent.click(screen.getByTestId('live-per-node'));
    expect(within(screen.getByTestId('live-node-support-queue')).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['support', 'queue', 'queue', '2']);

    await userEvent.selectOptions(screen.getByTestId('live-environment'), 'staging');
    await waitFor(() => expect(environments).toContain('staging'));
  });

  it('speaks Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    renderWithApi(<LiveViewPage />, { user: users.tester, handlers: { 'analytics.live': () => ({ ...view(1, 0), runtimes: [], skipped: { stale: 0, unreadable: 0 } }) } });
    expect(await screen.findByRole('heading', { level: 1, name: '实时' })).toBeTruthy();
    expect((await screen.findByTestId('live-status')).textContent).toContain('此环境没有运行时在报告');
  });
});
