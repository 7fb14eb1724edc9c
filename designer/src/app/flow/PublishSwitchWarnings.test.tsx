import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { renderWithApi, users } from '../test/fake-api';
import { PublishDialog } from './PublishDialog';

const noDiff = { flow: [], nodes: { added: [], removed: [], changed: [] }, edges: { added: [], removed: [], changed: [] }, identical: true };

function publishReturning(switchWarnings: unknown[]) {
  renderWithApi(
    <PublishDialog flowId="4a0d8f8e-7a57-4a8e-9a55-0d6f1d1e0b01" flowName="Sales line" liveVersion={1} bindings={[]} ensureSaved={() => Promise.resolve(3)} onClose={() => undefined} />,
    {
      user: users.publisher,
      handlers: {
        'flows.validate': () => ({ ok: true, diagnostics: [] }),
        'flows.diffVersions': () => noDiff,
        'flows.publish': () => ({ version: { id: 'v2', number: 2, contentHash: 'def', message: '', createdAt: new Date() }, created: true, diagnostics: [], switchWarnings }),
      },
    },
  );
}

describe('publish dialog: switch warnings', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('lists what a known switch lacks after publishing, naming the step, module or queue and the switch', async () => {
    publishReturning([
      { environment: 'production', switchHost: '10.0.0.5:8021', checkedAt: '2026-12-03T09:00:00.000Z', nodeId: 'leaveMessage', nodeType: 'voicemail', kind: 'missingModule', module: 'mod_voicemail' },
      { environment: 'production', switchHost: '10.0.0.5:8021', checkedAt: '2026-12-03T09:00:00.000Z', nodeId: 'salesQueue', nodeType: 'queue', kind: 'unknownQueue', queue: 'sales' },
    ]);
    await screen.findByLabelText('What changed, for the history');
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    const result = await screen.findByTestId('publish-result');
    expect(result.textContent).toContain('Published version 2.');
    const warnings = within(result).getByTestId('publish-switch-warnings');
    expect(warnings.textContent).toContain('A switch lacks something this version needs (2 warnings)');
    const items = within(warnings).getAllByRole('listitem').map((item) => item.textContent);
    expect(items[0]).toContain('Step leaveMessage needs mod_voicemail, which the switch has not loaded.');
    expect(items[0]).toContain('Production switch 10.0.0.5:8021');
    expect(items[1]).toContain('Step salesQueue uses the queue “sales”, which the switch does not know.');
  });

  it('shows nothing about switches when none lacks anything', async () => {
    publishReturning([]);
    await screen.findByLabelText('What changed, for the history');
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await screen.findByTestId('publish-result');
    expect(screen.queryByTestId('publish-switch-warnings')).toBeNull();
  });
});
