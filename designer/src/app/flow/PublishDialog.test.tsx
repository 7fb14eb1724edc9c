import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { supportLineFlow } from '../../editor/examples/support-line';
import { i18n } from '../../i18n';
import type { Binding } from '../api/trpc';
import { renderWithApi, users } from '../test/fake-api';
import { PublishDialog } from './PublishDialog';

const flowId = '4a0d8f8e-7a57-4a8e-9a55-0d6f1d1e0b01';
const binding: Binding = {
  id: 'b1',
  address: '+15550100',
  environment: 'staging',
  flowName: 'Support line',
  versionNumber: 1,
  contentHash: 'abc',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const noDiff = { flow: [], nodes: { added: [], removed: [], changed: [] }, edges: { added: [], removed: [], changed: [] }, identical: true };

/** The draft being published: the support line with its queue and welcome named by the business. */
const draft = (() => {
  const flow = supportLineFlow();
  return { ...flow, nodes: flow.nodes.map((n) => (n.id === 'support_queue' ? { ...n, label: 'Billing queue' } : n.id === 'offer_callback' ? { ...n, label: 'Call me back' } : n)) };
})();

function open(handlers: Record<string, (input: unknown) => unknown>, props: { liveVersion?: number | null; ensureSaved?: () => Promise<number | null> } = {}) {
  return renderWithApi(
    <PublishDialog
      flowId={flowId}
      flowName="Support line"
      liveVersion={props.liveVersion === undefined ? 1 : props.liveVersion}
      bindings={[binding]}
      document={draft}
      ensureSaved={props.ensureSaved ?? (() => Promise.resolve(12))}
      onClose={() => undefined}
    />,
    { user: users.publisher, handlers },
  );
}

describe('publish dialog', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('is blocked while the flow has errors, listing each with its fix', async () => {
    const publish = vi.fn();
    open({
      'flows.validate': () => ({
        ok: false,
        diagnostics: [
          { code: 'SB202', severity: 'error', nodeId: 'offer_callback', path: 'nodes[4].outlets.failed', message: 'outlet "Failed" of callback node offer_callback is not connected', hint: 'Connect it to the next step.' },
          { code: 'SB150', severity: 'warning', nodeId: 'queue_1', path: 'nodes[3].outlets.overflow', message: 'queue has no overflow route' },
        ],
      }),
      'flows.diffVersions': () => noDiff,
      'flows.publish': publish,
    });
    const blocked = await screen.findByTestId('publish-blocked');
    expect(blocked.textContent).toContain('Publishing is blocked by 1 error');
    expect(within(blocked).getByText('SB202')).toBeTruthy();
    expect(blocked.textContent).toContain('Connect it to the next step.');
    expect(within(blocked).getByTestId('place').textContent).toBe('“Call me back” (offer_callback) › Outlet “Failed”');
    expect(blocked.textContent).not.toContain('SB150');
    const button = screen.getByRole('button', { name: 'Publish' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(button.getAttribute('title')).toBe('Fix 1 error first');
    expect(screen.queryByLabelText('What changed, for the history')).toBeNull();
    expect(publish).not.toHaveBeenCalled();
  });

  it('saves pending edits first and checks the revision it saved', async () => {
    let release!: (revision: number) => void;
    const ensureSaved = () => new Promise<number | null>((resolve) => (release = resolve));
    const { log } = open({ 'flows.validate': () => ({ ok: true, diagnostics: [] }), 'flows.diffVersions': () => noDiff }, { ensureSaved });
    expect(screen.getByRole('status').textContent).toBe('Saving your latest changes…');
    expect(log.calls.some((c) => c.path === 'flows.validate')).toBe(false);
    release(12);
    await screen.findByLabelText('What changed, for the history');
    expect(log.calls.find((c) => c.path === 'flows.validate')?.input).toEqual({ flowId });
  });

  it('refuses to publish when the draft could not be saved', async () => {
    open({ 'flows.validate': () => ({ ok: true, diagnostics: [] }) }, { ensureSaved: () => Promise.resolve(null) });
    expect((await screen.findByRole('alert')).textContent).toContain('could not be saved');
    expect(screen.getByRole('button', { name: 'Publish' }).hasAttribute('disabled')).toBe(true);
  });

  it('shows the changes since the live version, publishes with the message on the saved revision and puts it live where asked', async () => {
    const { log } = open({
      'flows.validate': () => ({ ok: true, diagnostics: [] }),
      'flows.diffVersions': () => ({
        ...noDiff,
        identical: false,
        nodes: {
          added: [],
          removed: [],
          changed: [
            { id: 'closed_message', type: 'announcement', changes: [{ path: 'data.prompt.text.en', before: 'Hello', after: 'Welcome' }] },
            { id: 'support_queue', type: 'queue', changes: [{ path: 'data.overflow.maxWaitSeconds', before: 120, after: 90 }] },
          ],
        },
      }),
      'flows.publish': () => ({ version: { id: 'v2', number: 2, contentHash: 'def', message: 'New welcome', createdAt: new Date() }, created: true, diagnostics: [], switchWarnings: [] }),
      'deployments.activate': () => ({ address: '+15550100', versionNumber: 2 }),
    });
    const summary = await screen.findByTestId('change-summary');
    expect(summary.textContent).toContain('Message › Text › en: "Hello" → "Welcome"');
    expect(within(summary).getByTestId('changed-node-support_queue').textContent).toContain('“Billing queue” (support_queue) › Overflow rules › Longest wait (seconds): 120 → 90');
    expect(summary.textContent).not.toContain('data.overflow');
    expect(screen.getByText('Changes since version 1 (live)')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('What changed, for the history'), 'New welcome');
    await userEvent.click(screen.getByLabelText('+15550100 in Staging (now v1)'));
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    const result = await screen.findByTestId('publish-result');
    expect(result.textContent).toContain('Published version 2.');
    expect(result.textContent).toContain('+15550100 in Staging now runs version 2.');
    await waitFor(() => expect(log.calls.map((c) => c.path)).toContain('deployments.activate'));
    expect(log.calls.find((c) => c.path === 'flows.publish')?.input).toEqual({ flowId, message: 'New welcome', baseRevision: 12 });
    expect(log.calls.find((c) => c.path === 'deployments.activate')?.input).toEqual({ address: '+15550100', environment: 'staging', versionNumber: 2, reason: 'New welcome' });
  });

  it('shows the server’s refusal if publishing fails after all', async () => {
    const { apiError } = await import('../test/fake-api');
    open({
      'flows.validate': () => ({ ok: true, diagnostics: [] }),
      'flows.diffVersions': () => noDiff,
      'flows.publish': () => {
        throw apiError('PRECONDITION_FAILED', 'Sub-flow "Billing" must be published first');
      },
    });
    await screen.findByLabelText('What changed, for the history');
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Sub-flow "Billing" must be published first');
    expect(screen.queryByTestId('publish-result')).toBeNull();
  });
});
