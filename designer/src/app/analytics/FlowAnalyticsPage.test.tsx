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
});
