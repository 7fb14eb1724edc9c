import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { supportLineFlow } from '../examples/support-line';
import { pressOnCanvas } from '../test/canvas-helpers';
import { CANVAS_SHORTCUTS } from './canvas-shortcuts';
import { renderEditor } from '../test/render-editor';

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

const named = () => {
  const flow = supportLineFlow();
  return { ...flow, nodes: flow.nodes.map((n) => (n.id === 'support_queue' ? { ...n, label: 'Billing queue' } : n)) };
};

describe('finding a step on the canvas', () => {
  it('finds a step by what it says and selects it, opening it in the inspector', () => {
    const selections: string[][] = [];
    renderEditor(named(), { onSelectionChange: (selection) => selections.push(selection.nodeIds) });
    const search = screen.getByRole('combobox', { name: 'Find a step' });
    fireEvent.change(search, { target: { value: 'called back' } });
    const results = screen.getByRole('listbox', { name: 'Steps found' });
    expect(within(results).getAllByRole('option').map((o) => o.textContent)).toEqual(['“Billing queue” (support_queue)To keep your place and be called back, press ${callbackKey}.']);
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(selections.at(-1)).toEqual(['support_queue']);
    expect(screen.getByRole('form', { name: 'Settings of support_queue' })).toBeTruthy();
    expect((search as HTMLInputElement).value).toBe('');
  });

  it('moves through several matches with the arrow keys, and says when nothing matches', () => {
    const selections: string[][] = [];
    renderEditor(named(), { onSelectionChange: (selection) => selections.push(selection.nodeIds) });
    const search = screen.getByRole('combobox', { name: 'Find a step' });
    fireEvent.change(search, { target: { value: 'call' } });
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(selections.at(-1)).toEqual(['support_queue']);
    fireEvent.change(search, { target: { value: 'zzz' } });
    expect(screen.getByRole('listbox').textContent).toBe('No step matches.');
  });

  it('“/” on the canvas goes to the search box, and “?” lists the shortcuts until Escape', () => {
    const { container } = renderEditor(named());
    pressOnCanvas(container, '/');
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Find a step' }));
    pressOnCanvas(container, '?', { shiftKey: true });
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(help.textContent).toContain('Undo');
    expect(help.textContent).toContain('Find a step by name, prompt text or id');
    expect(within(help).getAllByRole('row')).toHaveLength(CANVAS_SHORTCUTS.length);
    expect(help.textContent).toContain('Connect an outlet of the focused step');
    fireEvent.keyDown(help, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });

  it('speaks Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    const { container } = renderEditor(named());
    expect(screen.getByRole('combobox', { name: '查找步骤' })).toBeTruthy();
    pressOnCanvas(container, '?', { shiftKey: true });
    expect(screen.getByRole('dialog', { name: '键盘快捷键' }).textContent).toContain('撤销');
  });
});
