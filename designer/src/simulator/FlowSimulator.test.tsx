import type { Scenario } from '@switchboard/flows';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScenarioSaveOutcome } from '../app/flow/useDraftAutosave';
import { renderWithApi, users } from '../app/test/fake-api';
import { i18n } from '../i18n';
import { FlowSimulator } from './FlowSimulator';
import { compiledGreeting, frontDoor } from './test/greeting-documents';

const heard = () => screen.getAllByTestId('heard').map((line) => line.textContent ?? '');

function show(options: { compiledByNames: unknown; onScenariosSave?: (scenarios: Scenario[]) => Promise<ScenarioSaveOutcome> }) {
  return renderWithApi(
    <FlowSimulator flowId="f-1" draft={frontDoor()} onHighlights={vi.fn()} onScenariosSave={options.onScenariosSave} saveDeniedReason={options.onScenariosSave ? undefined : 'no'} />,
    { user: users.tester, handlers: { 'flows.listVersions': () => [], 'flows.compiledByNames': () => options.compiledByNames } },
  );
}

describe('simulator on the flow page', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('links the published sub-flows the draft calls, asked for by name', async () => {
    const { log } = show({ compiledByNames: { flows: [compiledGreeting('Welcome to Acme.')], unpublished: [] } });
    await waitFor(() => expect(screen.queryByTestId('subflow-notice')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    expect(heard()).toEqual([expect.stringContaining('Welcome to Acme.')]);
    expect(log.calls.find((c) => c.path === 'flows.compiledByNames')?.input).toEqual({ names: ['Greeting'] });
  });

  it('tells the tester which sub-flow is not published', async () => {
    show({ compiledByNames: { flows: [], unpublished: ['Greeting'] } });
    await waitFor(() => expect(screen.getByTestId('subflow-notice').textContent).toContain('Sub-flow “Greeting” is not published'));
  });

  it('a tester saves the finished run as a scenario and sees the revision it landed on', async () => {
    const onScenariosSave = vi.fn(async (): Promise<ScenarioSaveOutcome> => ({ saved: true, scenariosRevision: 7 }));
    show({ compiledByNames: { flows: [compiledGreeting()], unpublished: [] }, onScenariosSave });
    await waitFor(() => expect(screen.queryByTestId('subflow-notice')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    fireEvent.change(screen.getByLabelText('Scenario name'), { target: { value: 'greets through the sub-flow' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save run as scenario' }));
    await waitFor(() => expect(screen.getByTestId('scenario-save-notice').textContent).toBe('Scenarios saved (scenarios revision 7).'));
    const [scenarios] = onScenariosSave.mock.calls[0] as unknown as [Scenario[]];
    expect(scenarios.map((s) => s.name)).toEqual(['greets through the sub-flow']);
    expect(scenarios[0]?.expect.visits).toContain('Greeting/hello');
  });

  it('when someone saved scenarios in between, says who and that theirs are shown', async () => {
    const onScenariosSave = async (): Promise<ScenarioSaveOutcome> => ({
      saved: false,
      conflict: { scenariosRevision: 9, savedBy: { displayName: 'Pat Publisher', email: 'publisher@switchboard.local' }, savedAt: '2026-01-05T10:00:00.000Z' },
    });
    show({ compiledByNames: { flows: [compiledGreeting()], unpublished: [] }, onScenariosSave });
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save run as scenario' }));
    await waitFor(() =>
      expect(screen.getByTestId('scenario-save-notice').textContent).toBe(
        'Pat Publisher <publisher@switchboard.local> saved scenarios in the meantime (scenarios revision 9); theirs are shown now and yours were not saved. Check the list and save again.',
      ),
    );
  });
});
