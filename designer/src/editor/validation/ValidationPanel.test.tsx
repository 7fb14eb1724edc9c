import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { supportLineFlow } from '../examples/support-line';
import { removeElements } from '../state/document-edits';
import { renderEditor } from '../test/render-editor';
import { FIRST_PROBLEMS_SHOWN, ValidationPanel } from './ValidationPanel';

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

/** The support line with the closed message's outlet left unconnected: callers would hit dead air. */
const flowWithDeadAir = () => removeElements(supportLineFlow(), [], ['e_16']);

describe('validation panel', () => {
  it('lists the diagnostics with code, message and hint', () => {
    renderEditor(flowWithDeadAir());
    const panel = screen.getByRole('region', { name: 'Problems' });
    expect(within(panel).getByText(/^1 error · \d+ warnings?$/)).toBeTruthy();
    const item = within(panel).getByRole('button', { name: /SB202/ });
    expect(item.textContent).toContain('outlet left unconnected');
    expect(item.textContent).toContain('a Hangup node ends the call politely');
  });

  it('says where each problem is in words: the step’s canvas name and the outlet’s label, the id only as detail', async () => {
    const flow = flowWithDeadAir();
    const named = { ...flow, nodes: flow.nodes.map((n) => (n.id === 'closed_message' ? { ...n, label: 'Closed notice' } : n)) };
    renderEditor(named);
    const item = within(screen.getByRole('region', { name: 'Problems' })).getByRole('button', { name: /SB202/ });
    const where = within(item).getByTestId('place');
    expect(where.textContent).toBe('“Closed notice” (closed_message) › Outlet “Next”');
    expect(where.querySelector('.sb-place__id')?.textContent).toContain('closed_message');
    expect(where.getAttribute('title')).toContain('outlets.next');
    await i18n.changeLanguage('zh-CN');
    expect(within(screen.getByRole('region', { name: '问题' })).getByTestId('place').textContent).toBe(`“Closed notice” (closed_message) › ${i18n.t('names.outlet', { outlet: i18n.t('nodes.announcement.outlets.next') })}`);
  });

  it('says so when there are no problems', () => {
    renderEditor(supportLineFlow());
    expect(within(screen.getByRole('region', { name: 'Problems' })).getByText('No problems found')).toBeTruthy();
  });

  it('marks the node on the canvas with an error badge', () => {
    renderEditor(flowWithDeadAir());
    const badge = within(screen.getByTestId('node-closed_message')).getByTestId('issue-badge');
    expect(badge.textContent).toBe('1');
    expect(badge.className).toContain('sb-badge--error');
    expect(within(screen.getByTestId('node-main_menu')).queryByTestId('issue-badge')).toBeNull();
  });

  it('clicking a diagnostic selects its node and opens it in the inspector', () => {
    const selections: string[][] = [];
    renderEditor(flowWithDeadAir(), { onSelectionChange: (selection) => selections.push(selection.nodeIds) });
    fireEvent.click(within(screen.getByRole('region', { name: 'Problems' })).getByRole('button', { name: /SB202/ }));
    expect(screen.getByRole('form', { name: 'Settings of closed_message' })).toBeTruthy();
    expect(selections.at(-1)).toEqual(['closed_message']);
    expect(document.querySelector('.react-flow__node[data-id="closed_message"]')?.classList.contains('selected')).toBe(true);
  });

  it('lists the first problems of a long list and shows the rest on request', () => {
    const diagnostics = Array.from({ length: 150 }, (_, i) => ({ code: 'SB201' as const, severity: 'warning' as const, nodeId: `n${i}`, path: `nodes[${i}]`, message: `node n${i} cannot be reached` }));
    render(<ValidationPanel diagnostics={diagnostics} onShowNode={() => {}} />);
    expect(screen.getAllByRole('button', { name: /SB201/ })).toHaveLength(FIRST_PROBLEMS_SHOWN);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 150 problems' }));
    expect(screen.getAllByRole('button', { name: /SB201/ })).toHaveLength(150);
  });
});
