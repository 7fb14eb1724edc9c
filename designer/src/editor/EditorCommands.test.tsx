import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FlowNodeOf } from '@switchboard/flows';
import { i18n } from '../i18n';
import { supportLineFlow } from './examples/support-line';
import { clickNode, pressOnCanvas } from './test/canvas-helpers';
import { renderEditor } from './test/render-editor';

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

const labelOf = (document: ReturnType<typeof supportLineFlow>) => (document.nodes.find((n) => n.id === 'main_menu') as FlowNodeOf<'menu'>).data.options[0]?.label;

describe('editor commands', () => {
  it('undoes and redoes edits with the keyboard and the toolbar', () => {
    const { container, latest } = renderEditor(supportLineFlow());
    clickNode(container, 'main_menu');
    fireEvent.change(within(screen.getByRole('form', { name: 'Settings of main_menu' })).getAllByLabelText('Label')[0]!, { target: { value: 'Billing' } });
    expect(labelOf(latest())).toBe('Billing');

    pressOnCanvas(container, 'z', { ctrlKey: true });
    expect(labelOf(latest())).toBe('Sales');
    pressOnCanvas(container, 'z', { ctrlKey: true, shiftKey: true });
    expect(labelOf(latest())).toBe('Billing');

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(labelOf(latest())).toBe('Sales');
    expect((screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement).disabled).toBe(true);
    pressOnCanvas(container, 'y', { ctrlKey: true });
    expect(labelOf(latest())).toBe('Billing');
  });

  it('two quick "Add" clicks are two undo steps, while typing into one field stays one', () => {
    const { container, latest } = renderEditor(supportLineFlow());
    const options = () => (latest().nodes.find((n) => n.id === 'main_menu') as FlowNodeOf<'menu'>).data.options.length;
    clickNode(container, 'main_menu');
    const form = () => screen.getByRole('form', { name: 'Settings of main_menu' });
    const before = options();
    const addOption = () => within(form()).getByRole('button', { name: /^Add to / });
    fireEvent.click(addOption());
    fireEvent.click(addOption());
    expect(options()).toBe(before + 2);
    fireEvent.change(within(form()).getAllByLabelText('Label')[0]!, { target: { value: 'B' } });
    fireEvent.change(within(form()).getAllByLabelText('Label')[0]!, { target: { value: 'Bi' } });

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(labelOf(latest())).toBe('Sales');
    expect(options()).toBe(before + 2);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(options()).toBe(before + 1);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(options()).toBe(before);
  });

  it('deletes the selected node and its edges with the Delete key, and undo brings them back', () => {
    const { container, latest } = renderEditor(supportLineFlow());
    clickNode(container, 'offer_callback');
    pressOnCanvas(container, 'Delete');
    expect(latest().nodes.some((n) => n.id === 'offer_callback')).toBe(false);
    expect(latest().edges.some((e) => e.target === 'offer_callback' || e.source === 'offer_callback')).toBe(false);
    pressOnCanvas(container, 'z', { metaKey: true });
    expect(latest().nodes.some((n) => n.id === 'offer_callback')).toBe(true);
    expect(latest().edges).toHaveLength(supportLineFlow().edges.length);
  });

  it('copies and pastes nodes with new ids and selects the copies', () => {
    const { container, latest } = renderEditor(supportLineFlow());
    clickNode(container, 'support_queue');
    pressOnCanvas(container, 'c', { ctrlKey: true });
    pressOnCanvas(container, 'v', { ctrlKey: true });
    pressOnCanvas(container, 'v', { ctrlKey: true });
    const queues = latest().nodes.filter((n) => n.type === 'queue');
    expect(queues.map((n) => n.id)).toEqual(['support_queue', 'queue_1', 'queue_2']);
    expect(queues[2]?.position).toEqual({ x: 880 + 80, y: 40 + 80 });
    expect(screen.getByRole('form', { name: 'Settings of queue_2' })).toBeTruthy();
  });

  it('selects every node with Ctrl+A', () => {
    const { container } = renderEditor(supportLineFlow());
    pressOnCanvas(container, 'a', { ctrlKey: true });
    expect(screen.getByText('7 steps and 0 connections selected.')).toBeTruthy();
  });

  it('adds a node from the palette and opens it', () => {
    const { latest } = renderEditor(supportLineFlow());
    fireEvent.click(screen.getByRole('button', { name: /^Voicemail/ }));
    expect(latest().nodes.at(-1)).toMatchObject({ id: 'voicemail_1', type: 'voicemail' });
    expect(screen.getByRole('form', { name: 'Settings of voicemail_1' })).toBeTruthy();
  });

  it('read-only: no palette, no editing, but the settings can be read', () => {
    const { container, changes } = renderEditor(supportLineFlow(), { readOnly: true });
    expect(screen.queryByRole('navigation', { name: 'Steps' })).toBeNull();
    clickNode(container, 'main_menu');
    pressOnCanvas(container, 'Delete');
    const label = within(screen.getByRole('form', { name: 'Settings of main_menu' })).getAllByLabelText('Label')[0] as HTMLInputElement;
    expect(label.readOnly).toBe(true);
    expect(changes).toHaveLength(0);
  });

  it('highlights nodes for a version diff', () => {
    renderEditor(supportLineFlow(), { highlights: { main_menu: 'changed', goodbye: 'added' } });
    expect(within(screen.getByTestId('node-main_menu')).getByText('changed')).toBeTruthy();
    expect(screen.getByTestId('node-goodbye').className).toContain('sb-highlight--added');
  });
});
