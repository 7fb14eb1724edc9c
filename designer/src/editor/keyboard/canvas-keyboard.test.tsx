import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { supportLineFlow } from '../examples/support-line';
import { updateNodeLabel } from '../state/document-edits';
import { renderEditor } from '../test/render-editor';
import { NUDGE } from './keyboard-commands';

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

const named = () => updateNodeLabel(updateNodeLabel(supportLineFlow(), 'main_menu', 'Main menu'), 'goodbye', 'Say goodbye');

function nodeBox(container: HTMLElement, id: string): HTMLElement {
  const element = container.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`);
  if (!element) throw new Error(`node ${id} is not on the canvas`);
  return element;
}

describe('the canvas by keyboard', () => {
  it('names steps, connections and outlets by their canvas names for screen readers', () => {
    const { container } = renderEditor(named());
    expect(nodeBox(container, 'main_menu').getAttribute('aria-label')).toBe('Main menu, Menu step');
    const edge = container.querySelector('.react-flow__edge[data-id="e_7"]');
    expect(edge?.getAttribute('aria-label')).toBe('Connection Main menu › No input → Say goodbye');
    expect([edge?.getAttribute('data-source'), edge?.getAttribute('data-outlet'), edge?.getAttribute('data-target')]).toEqual(['main_menu', 'noInput', 'goodbye']);
    expect(nodeBox(container, 'main_menu').querySelector('[data-handleid="invalid"]')?.getAttribute('aria-label')).toBe('Outlet “Invalid key” of Main menu: press Enter to connect it');
    expect(nodeBox(container, 'main_menu').querySelector('[data-handleid="invalid"]')?.getAttribute('tabindex')).toBe('0');
  });

  it('moves a selected step with the arrow keys, the whole burst undone at once', () => {
    const { container, latest } = renderEditor(named());
    const before = named().nodes.find((n) => n.id === 'main_menu')!.position;
    const menu = nodeBox(container, 'main_menu');
    menu.focus();
    fireEvent.keyDown(menu, { key: ' ' }); // React Flow selects the focused step
    for (let i = 0; i < 3; i++) fireEvent.keyDown(menu, { key: 'ArrowRight' });
    fireEvent.keyDown(menu, { key: 'ArrowDown', shiftKey: true });
    const moved = latest().nodes.find((n) => n.id === 'main_menu')!.position;
    expect(moved.x).toBe(before.x + 3 * NUDGE);
    expect(moved.y).toBeGreaterThan(before.y + NUDGE);
    fireEvent.keyDown(menu, { key: 'z', ctrlKey: true });
    expect(latest().nodes.find((n) => n.id === 'main_menu')!.position).toEqual(before);
  });

  it('goes to the nearest step with an arrow key when the step is not selected', async () => {
    const { container, latest } = renderEditor(named());
    const start = nodeBox(container, 'start');
    start.focus();
    fireEvent.keyDown(start, { key: 'ArrowRight' });
    await waitFor(() => expect(document.activeElement).toBe(nodeBox(container, 'hours')));
    expect(latest()).toEqual(named());
  });

  it('opens the focused step in the inspector with Enter, and Escape goes back to it', async () => {
    const { container } = renderEditor(named());
    const menu = nodeBox(container, 'main_menu');
    menu.focus();
    fireEvent.keyDown(menu, { key: 'Enter' });
    const label = await screen.findByLabelText('Name on the canvas');
    await waitFor(() => expect(document.activeElement).toBe(label));
    fireEvent.keyDown(label, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(nodeBox(container, 'main_menu')));
  });

  it('connects an outlet to a step chosen by name with C, and removes the connection again', async () => {
    const { container, latest } = renderEditor(named());
    const menu = nodeBox(container, 'main_menu');
    menu.focus();
    fireEvent.keyDown(menu, { key: 'c' });
    const dialog = screen.getByRole('dialog', { name: 'Connect “Main menu”' });
    const [outlet, target] = within(dialog).getAllByRole('combobox') as HTMLSelectElement[];
    expect(outlet!.value).toBe('invalid'); // the first outlet not connected yet
    expect([...target!.options].map((o) => o.textContent)).toContain('Say goodbye');
    expect([...target!.options].map((o) => o.textContent)).not.toContain('Start');
    fireEvent.change(target!, { target: { value: 'goodbye' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(latest().edges.find((e) => e.source === 'main_menu' && e.sourceOutlet === 'invalid')?.target).toBe('goodbye');
    expect(screen.queryByRole('dialog')).toBeNull();

    act(() => nodeBox(container, 'main_menu').querySelector<HTMLElement>('[data-handleid="noInput"]')!.focus());
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    const again = screen.getByRole('dialog', { name: 'Connect “Main menu”' });
    expect((within(again).getAllByRole('combobox')[0] as HTMLSelectElement).value).toBe('noInput');
    fireEvent.click(within(again).getByRole('button', { name: 'Remove this connection' }));
    expect(latest().edges.some((e) => e.source === 'main_menu' && e.sourceOutlet === 'noInput')).toBe(false);
  });

  it('does not move or connect in a read-only editor', () => {
    const { container, changes } = renderEditor(named(), { readOnly: true });
    const menu = nodeBox(container, 'main_menu');
    menu.focus();
    fireEvent.keyDown(menu, { key: ' ' });
    fireEvent.keyDown(menu, { key: 'ArrowRight' });
    fireEvent.keyDown(menu, { key: 'c' });
    expect(changes).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
