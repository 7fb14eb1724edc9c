import { screen, within } from '@testing-library/react';
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
