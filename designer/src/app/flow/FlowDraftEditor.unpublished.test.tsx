import { compileFlow, type FlowDocument } from '@switchboard/flows';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { supportLineFlow } from '../../editor/examples/support-line';
import { clickNode } from '../../editor/test/canvas-helpers';
import { i18n } from '../../i18n';
import type { FlowDetail } from '../api/trpc';
import { renderWithApi, users } from '../test/fake-api';
import { FlowDraftEditor } from './FlowDraftEditor';

function publishedFlow(document: FlowDocument, latestVersionHash: string | null): FlowDetail {
  return {
    id: 'f-1',
    name: 'Support line',
    description: '',
    draft: document,
    draftRevision: 4,
    draftSavedAt: '2026-01-05T10:00:00.000Z',
    draftSavedBy: null,
    scenariosRevision: 1,
    scenariosSavedAt: null,
    scenariosSavedBy: null,
    latestVersionNumber: latestVersionHash === null ? 0 : 1,
    latestVersionHash,
    archivedAt: null,
  } as unknown as FlowDetail;
}

const handlers = {
  'deployments.list': () => [],
  'flows.listVersions': () => [],
  'flows.compiledByNames': () => ({ flows: [], unpublished: [] }),
  'flows.saveDraft': () => ({ draftRevision: 5, draftSavedAt: '2026-01-05T10:02:00.000Z', scenariosRevision: 1, scenarios: [] }),
};

describe('the title bar says when the draft has unpublished changes', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('is quiet while the draft is what version 1 published, and says so after an edit', async () => {
    const document = supportLineFlow() as FlowDocument;
    const hash = compileFlow(document).compiled?.hash ?? null;
    expect(hash).not.toBeNull();
    const { container } = renderWithApi(<FlowDraftEditor flow={publishedFlow(document, hash)} />, { user: users.publisher, handlers });
    expect(screen.getByTestId('flow-status').textContent).toContain('Published v1');
    // Give the debounced compile time to run: the unchanged draft must not be flagged.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(screen.queryByTestId('unpublished-changes')).toBeNull();

    clickNode(container, 'main_menu');
    // A label is not part of what runs (publishing would make no new version); the retries are.
    fireEvent.change(within(screen.getByRole('form', { name: 'Settings of main_menu' })).getByLabelText('Retries'), { target: { value: '1' } });
    await waitFor(() => expect(screen.getByTestId('unpublished-changes').textContent).toBe('Unpublished changes'), { timeout: 5_000 });
  });

  it('never says it about a flow that was never published', async () => {
    renderWithApi(<FlowDraftEditor flow={publishedFlow(supportLineFlow() as FlowDocument, null)} />, { user: users.publisher, handlers });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(screen.getByTestId('flow-status').textContent).toContain('Draft');
    expect(screen.queryByTestId('unpublished-changes')).toBeNull();
  });
});
