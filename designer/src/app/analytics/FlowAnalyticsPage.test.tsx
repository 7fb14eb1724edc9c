import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { supportLineFlow } from '../../editor/examples/support-line';
import { clickNode } from '../../editor/test/canvas-helpers';
import { renderWithApi, users } from '../test/fake-api';
import { FlowAnalyticsPage } from './FlowAnalyticsPage';

const V2 = '11111111-2222-4333-8444-666666666666';

function showPage() {
  return renderWithApi(
    <div style={{ width: 1400, height: 900 }}>
      <FlowAnalyticsPage flowId="f1" />
    </div>,
    {
      user: users.editor,
      handlers: {
        'flows.get': () => ({ id: 'f1', name: 'Support line' }),
        'flows.listVersions': () => [
          { id: V2, number: 2, contentHash: 'b', message: '', createdAt: '2026-12-01T00:00:00.000Z', author: null },
          { id: '11111111-2222-4333-8444-555555555555', number: 1, contentHash: 'a', message: '', createdAt: '2026-11-01T00:00:00.000Z', author: null },
        ],
        'flows.getVersion': () => ({ id: V2, number: 2, document: supportLineFlow(), createdAt: '2026-12-01T00:00:00.000Z', message: '', author: null }),
        'analytics.nodeDropOff': () => ({
          nodes: [
            { nodeId: 'main_menu', nodeType: 'menu', entered: 150, outlets: { '1': 60, '2': 30, noInput: 10 }, endedHere: 50, hungUpHere: 45 },
            { nodeId: 'support_queue', nodeType: 'queue', entered: 90, outlets: { answered: 70 }, endedHere: 20, hungUpHere: 20 },
          ],
          versions: [{ versionId: V2, number: 2, calls: 150 }],
        }),
      },
    },
  );
}

describe('drop-off on the canvas', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('asks for the latest version’s figures and shows them on its nodes; a picked node lists where its callers went', async () => {
    const { log, container } = showPage();
    const menu = await screen.findByTestId('node-main_menu');
    expect(within(menu).getByTestId('node-entered').textContent).toBe('150 callers entered');
    const asked = log.calls.find((call) => call.path === 'analytics.nodeDropOff')?.input;
    expect(asked).toMatchObject({ environment: 'production', flowName: 'Support line', versionId: V2 });
    clickNode(container, 'main_menu');
    const detail = screen.getByTestId('node-detail');
    await waitFor(() => expect(within(within(detail).getByTestId('detail-outlet-1')).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['1', '60']));
    expect(detail.textContent).toContain('45 hung up here (30%)');
  });

  it('for a split node, shows the figures of the calls that took each branch side by side, named as on the canvas', async () => {
    const document = {
      schemaVersion: 1 as const,
      name: 'Menu test',
      description: '',
      languages: ['en'],
      variables: [],
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: { answer: true } },
        { id: 'ab', type: 'split', position: { x: 250, y: 0 }, data: { branches: [{ key: 'a', label: 'Old menu', percent: 80 }, { key: 'b', label: 'New menu', percent: 20 }] } },
        { id: 'old', type: 'hangup', position: { x: 500, y: -100 }, data: { cause: 'NORMAL_CLEARING' } },
        { id: 'new', type: 'hangup', position: { x: 500, y: 100 }, data: { cause: 'NORMAL_CLEARING' } },
      ],
      edges: [
        { id: 'e1', source: 'start', sourceOutlet: 'next', target: 'ab' },
        { id: 'e2', source: 'ab', sourceOutlet: 'a', target: 'old' },
        { id: 'e3', source: 'ab', sourceOutlet: 'b', target: 'new' },
      ],
    };
    const kpis = (calls: number, containment: number, asa: number | null, satisfaction: { responses: number; average: number | null }) => ({ calls, containment, ivrAbandonment: 0, queueAbandonment: null, averageSpeedOfAnswerSeconds: asa, serviceLevel: null, averageHandleTimeSeconds: null, satisfaction: { ...satisfaction, distribution: [0, 0, 0, 0, 0], secondResponses: 0, secondAverage: null } });
    const { log, container } = renderWithApi(
      <div style={{ width: 1400, height: 900 }}>
        <FlowAnalyticsPage flowId="f2" />
      </div>,
      {
        user: users.editor,
        handlers: {
          'flows.get': () => ({ id: 'f2', name: 'Menu test' }),
          'flows.listVersions': () => [{ id: V2, number: 2, contentHash: 'b', message: '', createdAt: '2026-12-01T00:00:00.000Z', author: null }],
          'flows.getVersion': () => ({ id: V2, number: 2, document, createdAt: '2026-12-01T00:00:00.000Z', message: '', author: null }),
          'analytics.nodeDropOff': () => ({ nodes: [{ nodeId: 'ab', nodeType: 'split', entered: 100, outlets: { a: 80, b: 20 }, endedHere: 0, hungUpHere: 0 }], versions: [{ versionId: V2, number: 2, calls: 100 }] }),
          'analytics.splitBranches': () => [{ branch: 'a', ...kpis(80, 0.5, 30, { responses: 12, average: 3.25 }) }, { branch: 'b', ...kpis(20, 0.75, null, { responses: 0, average: null }) }],
        },
      },
    );
    await screen.findByTestId('node-ab');
    clickNode(container, 'ab');
    const branches = await screen.findByTestId('split-branches');
    await waitFor(() => expect(within(branches).getByTestId('split-branch-b')).toBeTruthy());
    expect(within(within(branches).getByTestId('split-branch-a')).getAllByRole('cell').map((cell) => cell.textContent).slice(0, 3)).toEqual(['Old menu (80 %)', '80', '50%']);
    expect(within(within(branches).getByTestId('split-branch-b')).getAllByRole('cell').map((cell) => cell.textContent).slice(0, 3)).toEqual(['New menu (20 %)', '20', '75%']);
    // Satisfaction beside the other figures: the mean rating and how many ratings it rests on; none rated, no mean.
    const headers = within(branches).getAllByRole('columnheader').map((cell) => cell.textContent);
    expect(headers.slice(-2)).toEqual(['Satisfaction', 'Ratings']);
    expect(within(within(branches).getByTestId('split-branch-a')).getAllByRole('cell').map((cell) => cell.textContent).slice(-2)).toEqual(['3.3 / 5', '12']);
    expect(within(within(branches).getByTestId('split-branch-b')).getAllByRole('cell').map((cell) => cell.textContent).slice(-2)).toEqual(['—', '0']);
    expect(log.calls.find((call) => call.path === 'analytics.splitBranches')?.input).toMatchObject({ environment: 'production', flowName: 'Menu test', versionId: V2, nodeId: 'ab' });
  });
});
