import type { FlowDocument, FlowNodeOf, Scenario } from '@switchboard/flows';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { supportLineFlow } from '../../editor/examples/support-line';
import { clickNode } from '../../editor/test/canvas-helpers';
import { i18n } from '../../i18n';
import type { FlowDetail } from '../api/trpc';
import { renderWithApi, users } from '../test/fake-api';
import { FlowDraftEditor } from './FlowDraftEditor';

const scenario = (name: string) => ({ name, call: { localTime: '2026-11-23T10:00', timezone: 'Europe/London' } }) as Scenario;
const firstLabel = (document: FlowDocument) => (document.nodes.find((n) => n.id === 'main_menu') as FlowNodeOf<'menu'>).data.options[0]?.label;

/** The API as the editor's browser sees it: the draft's node part and its scenarios kept apart, as the server does. */
function fakeFlowServer() {
  const server = {
    revision: 3,
    document: supportLineFlow() as FlowDocument,
    scenariosRevision: 1,
    scenarios: [] as Scenario[],
    saves: [] as { baseRevision: number; baseScenariosRevision?: number; document: FlowDocument }[],
  };
  const detail = (): FlowDetail =>
    ({
      id: 'f-1',
      name: 'Support line',
      description: '',
      draft: server.scenarios.length > 0 ? { ...server.document, scenarios: server.scenarios } : server.document,
      draftRevision: server.revision,
      draftSavedAt: '2026-01-05T10:00:00.000Z',
      draftSavedBy: { displayName: 'Pat Publisher', email: 'publisher@switchboard.local' },
      scenariosRevision: server.scenariosRevision,
      scenariosSavedAt: null,
      scenariosSavedBy: { displayName: 'Tess Tester', email: 'tester@switchboard.local' },
      latestVersionNumber: 0,
      archivedAt: null,
    }) as unknown as FlowDetail;
  const handlers = {
    'deployments.list': () => [],
    'flows.listVersions': () => [],
    'flows.compiledByNames': () => ({ flows: [], unpublished: [] }),
    'flows.get': detail,
    'flows.saveDraft': (raw: unknown) => {
      const input = raw as { baseRevision: number; baseScenariosRevision?: number; document: FlowDocument };
      server.saves.push(input);
      if (input.baseRevision !== server.revision) throw new Error('CONFLICT in a test that expects none');
      const { scenarios, ...nodes } = input.document;
      server.document = nodes as FlowDocument;
      server.revision += 1;
      if (input.baseScenariosRevision !== undefined) {
        server.scenarios = scenarios ?? [];
        server.scenariosRevision += 1;
      }
      return { draftRevision: server.revision, draftSavedAt: '2026-01-05T10:02:00.000Z', scenariosRevision: server.scenariosRevision, scenarios: server.scenarios };
    },
  };
  return { server, detail, handlers };
}

const scenarioNames = () => screen.queryAllByTestId('scenario').map((row) => row.querySelector('.sb-sim-scenario__name')?.textContent);
const undoButton = () => screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement;

describe('the open draft and scenarios saved elsewhere', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('shows a tester’s new scenario without a reload, keeps the undo steps, and undo never removes the scenario', async () => {
    const { server, detail, handlers } = fakeFlowServer();
    const { container } = renderWithApi(<FlowDraftEditor flow={detail()} />, { user: users.publisher, handlers });
    fireEvent.click(screen.getByRole('button', { name: 'Test call' }));
    expect(scenarioNames()).toEqual([]);

    clickNode(container, 'main_menu');
    fireEvent.change(within(screen.getByRole('form', { name: 'Settings of main_menu' })).getAllByLabelText('Label')[0]!, { target: { value: 'Billing' } });
    expect(undoButton().disabled).toBe(false);
    await waitFor(() => expect(server.saves).toHaveLength(1), { timeout: 5_000 });

    // A tester saves a scenario in another browser; the editor's window gets focus again.
    server.scenarios = [scenario('tester run')];
    server.scenariosRevision = 2;
    act(() => void window.dispatchEvent(new Event('focus')));
    await waitFor(() => expect(scenarioNames()).toEqual(['tester run']));
    expect(undoButton().disabled).toBe(false);

    fireEvent.click(undoButton());
    await waitFor(() => expect(server.saves).toHaveLength(2), { timeout: 5_000 });
    const undone = server.saves[1]!;
    expect(firstLabel(undone.document)).toBe('Sales');
    expect(undone.baseScenariosRevision).toBeUndefined();
    expect(server.scenarios.map((s) => s.name)).toEqual(['tester run']);
    expect(scenarioNames()).toEqual(['tester run']);
    expect(firstLabel(server.document)).toBe('Sales');
  });
});
