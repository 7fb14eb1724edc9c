import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { renderWithApi, users } from '../test/fake-api';
import { BindingsPage } from './BindingsPage';

const bindings = [
  { id: 'b1', address: '+15550100', environment: 'production', flowName: 'Sales line', versionNumber: 3, contentHash: 'abc', updatedAt: '2026-12-01T00:00:00.000Z' },
  { id: 'b2', address: '+15550111', environment: 'production', flowName: 'Greeting', versionNumber: 1, contentHash: 'def', updatedAt: '2026-12-01T00:00:00.000Z' },
  { id: 'b3', address: '+15550100', environment: 'staging', flowName: 'Sales line', versionNumber: 3, contentHash: 'abc', updatedAt: '2026-12-01T00:00:00.000Z' },
];

const productionSwitch = {
  environment: 'production',
  switchHost: '10.0.0.5:8021',
  runtimeInstance: 'rt-1:4242',
  checkedAt: '2026-12-03T09:00:00.000Z',
  modules: { mod_voicemail: false, mod_callcenter: true },
  missingModules: ['mod_voicemail'],
  queues: ['support@default'],
  settings: { ttsEngine: 'flite', dialStrings: { extension: 'user/{destination}', number: 'sofia/gateway/default/{destination}', sip: 'sofia/external/{destination}' }, callbackDialString: 'loopback/{number}/default' },
  problems: [
    { address: '+15550100', flowName: 'Sales line', versionNumber: 3, flow: 'Sales line', nodeId: 'leaveMessage', nodeType: 'voicemail', kind: 'missingModule', module: 'mod_voicemail' },
    { address: '+15550100', flowName: 'Sales line', versionNumber: 3, flow: 'Billing', nodeId: 'billingQueue', nodeType: 'queue', kind: 'unknownQueue', queue: 'billing' },
  ],
};

function showPage(switches: unknown[]) {
  renderWithApi(<BindingsPage />, {
    user: users.admin,
    handlers: {
      'deployments.list': () => bindings,
      'deployments.history': () => [],
      'flows.list': () => [],
      'switches.capabilities': () => switches,
    },
  });
}

describe('numbers page: what the switch lacks', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('shows, on the binding whose live flow needs it, each problem the runtime reported', async () => {
    showPage([productionSwitch]);
    const row = await screen.findByTestId('binding-production-+15550100');
    const cell = within(row).getByTestId('binding-switch');
    const items = within(cell).getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Step leaveMessage needs mod_voicemail, which the switch has not loaded.');
    expect(items[0]).toContain('10.0.0.5:8021, v3');
    expect(items[1]).toContain('Step billingQueue uses the queue “billing”, which the switch does not know. (in the sub-flow “Billing”)');
    // Another binding on the same switch is fine; the staging switch never reported.
    expect(within(screen.getByTestId('binding-production-+15550111')).getByTestId('switch-ok').textContent).toContain('Has what this flow needs');
    expect(within(screen.getByTestId('binding-staging-+15550100')).getByTestId('binding-switch').textContent).toContain('Not checked yet');
  });

  it('in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    showPage([productionSwitch]);
    const row = await screen.findByTestId('binding-production-+15550100');
    expect(within(row).getByTestId('binding-switch').textContent).toContain('步骤 leaveMessage 需要 mod_voicemail，但交换机未加载该模块。');
  });
});

describe('numbers page: changing what a number runs', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('asks for confirmation and a reason before putting another version live, and changes nothing on cancel', async () => {
    const calls: Array<{ path: string; input: unknown }> = [];
    renderWithApi(<BindingsPage />, {
      user: users.admin,
      handlers: {
        'deployments.list': () => bindings,
        'deployments.history': () => [],
        'flows.list': () => [{ id: 'f1', name: 'Greeting', description: '', latestVersionNumber: 2, draftRevision: 1, scenariosRevision: 1, draftSavedAt: '2026-12-01T00:00:00.000Z', archivedAt: null, draftSavedBy: null }],
        'switches.capabilities': () => [],
        'deployments.activate': (input: unknown) => {
          calls.push({ path: 'activate', input });
          return { address: '+15550111', versionNumber: 2 };
        },
      },
    });
    const row = await screen.findByTestId('binding-production-+15550111');
    fireEvent.change(within(row).getByLabelText('Version for +15550111'), { target: { value: '2' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Put v2 live' }));
    let dialog = screen.getByRole('dialog', { name: 'Put v2 live on +15550111?' });
    expect(within(dialog).getByTestId('change-version-explain').textContent).toBe(
      'New calls to +15550111 in Production get version 2 at once; calls in progress finish on version 1. The change is kept in the history.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls).toEqual([]);

    fireEvent.click(within(row).getByRole('button', { name: 'Put v2 live' }));
    dialog = screen.getByRole('dialog', { name: 'Put v2 live on +15550111?' });
    const confirm = within(dialog).getByRole('button', { name: 'Put v2 live' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Why (kept in the history)'), { target: { value: 'Spring greeting' } });
    fireEvent.click(confirm);
    await waitFor(() => expect(calls).toEqual([{ path: 'activate', input: { address: '+15550111', environment: 'production', versionNumber: 2, reason: 'Spring greeting' } }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
