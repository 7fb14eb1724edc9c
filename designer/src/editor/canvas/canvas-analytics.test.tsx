import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { supportLineFlow } from '../examples/support-line';
import { renderEditor } from '../test/render-editor';
import { edgeFigures, type CanvasAnalytics } from './canvas-analytics';

const ANALYTICS: CanvasAnalytics = {
  start: { entered: 200, outlets: { next: 200 }, endedHere: 0, hungUpHere: 0 },
  hours: { entered: 200, outlets: { open: 150, closed: 50 }, endedHere: 0, hungUpHere: 0 },
  main_menu: { entered: 150, outlets: { '1': 60, '2': 30, noInput: 10 }, endedHere: 50, hungUpHere: 45 },
};

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

describe('analytics mode of the canvas', () => {
  it('each node says how many callers entered and how many hung up there; a node nobody reached says 0', () => {
    renderEditor(supportLineFlow(), { readOnly: true, analytics: ANALYTICS });
    const menu = screen.getByTestId('node-main_menu');
    expect(within(menu).getByTestId('node-entered').textContent).toBe('150 callers entered');
    expect(within(menu).getByTestId('node-hung-up').textContent).toBe('45 hung up here (30 %)');
    expect(within(screen.getByTestId('node-hours')).queryByTestId('node-hung-up')).toBeNull();
    expect(within(screen.getByTestId('node-closed_message')).getByTestId('node-entered').textContent).toBe('0 callers entered');
  });

  it('edges carry their callers, drawn wider the more callers took them', () => {
    const figures = edgeFigures(supportLineFlow(), ANALYTICS);
    expect(figures.get('e_1')).toEqual({ calls: 200, width: 10 });
    expect(figures.get('e_2')).toEqual({ calls: 150, width: 8 });
    expect(figures.get('e_4')).toEqual({ calls: 60, width: 4 });
    expect(figures.get('e_9')).toEqual({ calls: 0, width: 1 });
  });

  it('shows no figures outside analytics mode', () => {
    renderEditor(supportLineFlow(), { readOnly: true });
    expect(screen.queryAllByTestId('node-figures')).toEqual([]);
  });

  it('in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    renderEditor(supportLineFlow(), { readOnly: true, analytics: ANALYTICS });
    expect(within(screen.getByTestId('node-main_menu')).getByTestId('node-hung-up').textContent).toBe('45 位在此挂断（30%）');
  });
});
