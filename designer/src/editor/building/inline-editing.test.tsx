import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FlowDocument, FlowNodeOf } from '@switchboard/flows';
import { i18n } from '../../i18n';
import { supportLineFlow } from '../examples/support-line';
import { addNode } from '../state/document-edits';
import { clickNode } from '../test/canvas-helpers';
import { renderEditor } from '../test/render-editor';

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

function flowWithDigits(): FlowDocument {
  return addNode(supportLineFlow(), 'collectDigits', { x: 0, y: 600 }).document;
}
const digitsOf = (document: FlowDocument) => document.nodes.find((n) => n.id === 'collectDigits_1') as FlowNodeOf<'collectDigits'>;

describe('a variable declared from the field that needs it', () => {
  it('asks name and type (text by default), declares it, picks it, and undoes both as one step', () => {
    const { container, latest } = renderEditor(flowWithDigits());
    clickNode(container, 'collectDigits_1');
    const form = screen.getByRole('form', { name: 'Settings of collectDigits_1' });
    fireEvent.change(within(form).getByLabelText('Variable'), { target: { value: '\u0000new' } });
    const dialog = within(form).getByRole('group', { name: 'New variable: Variable' });
    expect((within(dialog).getByLabelText('Type') as HTMLSelectElement).value).toBe('string');

    fireEvent.change(within(dialog).getByLabelText('Variable name'), { target: { value: 'Order number' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/“Order number” cannot be a variable name/);
    fireEvent.change(within(dialog).getByLabelText('Variable name'), { target: { value: 'tier' } });
    fireEvent.keyDown(within(dialog).getByLabelText('Variable name'), { key: 'Enter' });
    expect(within(dialog).getByRole('alert').textContent).toMatch(/already exists/);

    fireEvent.change(within(dialog).getByLabelText('Variable name'), { target: { value: 'order_number' } });
    fireEvent.keyDown(within(dialog).getByLabelText('Variable name'), { key: 'Enter' });
    expect(latest().variables.at(-1)).toEqual({ name: 'order_number', type: 'string' });
    expect(digitsOf(latest()).data.variable).toBe('order_number');
    expect((within(screen.getByRole('form', { name: 'Settings of collectDigits_1' })).getByLabelText('Variable') as HTMLSelectElement).value).toBe('order_number');

    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(latest().variables.map((v) => v.name)).toEqual(['tier']);
    expect(digitsOf(latest()).data.variable).toBeUndefined();
  });

  it('Escape closes the form without declaring anything', () => {
    const { container, latest, changes } = renderEditor(flowWithDigits());
    clickNode(container, 'collectDigits_1');
    const form = screen.getByRole('form', { name: 'Settings of collectDigits_1' });
    fireEvent.change(within(form).getByLabelText('Variable'), { target: { value: '\u0000new' } });
    fireEvent.keyDown(within(form).getByLabelText('Variable name'), { key: 'Escape' });
    expect(within(form).queryByRole('group', { name: /New variable/ })).toBeNull();
    expect(changes).toHaveLength(0);
    expect(latest().variables).toHaveLength(1);
  });
});

describe('duplicate a branch from the inspector', () => {
  it('copies the queue and its callback, selects the copy, and one undo removes it', () => {
    const { container, latest } = renderEditor(supportLineFlow());
    clickNode(container, 'support_queue');
    fireEvent.click(screen.getByRole('button', { name: 'Duplicate branch' }));
    expect(latest().nodes.map((n) => n.id)).toContain('queue_1');
    expect(latest().nodes.map((n) => n.id)).toContain('callback_1');
    expect(screen.getByText('2 steps and 0 connections selected.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(latest().nodes).toHaveLength(supportLineFlow().nodes.length);
  });
});
