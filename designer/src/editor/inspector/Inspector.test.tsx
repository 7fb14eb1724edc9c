import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FlowNodeOf } from '@switchboard/flows';
import { i18n } from '../../i18n';
import { supportLineFlow } from '../examples/support-line';
import { clickNode } from '../test/canvas-helpers';
import { renderEditor } from '../test/render-editor';

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

const menuOf = (document: ReturnType<typeof supportLineFlow>) => document.nodes.find((n) => n.id === 'main_menu') as FlowNodeOf<'menu'>;

describe('inspector', () => {
  it('shows the flow settings when nothing is selected', () => {
    renderEditor(supportLineFlow());
    const settings = screen.getByRole('form', { name: 'Flow settings' });
    const [flowName, variableName] = within(settings).getAllByLabelText('Name') as HTMLInputElement[];
    expect(flowName?.value).toBe('Support line');
    expect(variableName?.value).toBe('tier');
    expect((within(settings).getByLabelText('Starting value') as HTMLInputElement).value).toBe('');
  });

  it('editing a menu option updates the document and the canvas', () => {
    const { container, latest } = renderEditor(supportLineFlow());
    clickNode(container, 'main_menu');
    const form = screen.getByRole('form', { name: 'Settings of main_menu' });
    const labels = within(form).getAllByLabelText('Label') as HTMLInputElement[];
    expect(labels.map((input) => input.value)).toEqual(['Sales', 'Support', 'Agent']);
    fireEvent.change(labels[0]!, { target: { value: 'Billing' } });
    expect(menuOf(latest()).data.options[0]).toEqual({ digit: '1', label: 'Billing' });
    expect(within(screen.getByTestId('node-main_menu')).getByText('1 · Billing')).toBeTruthy();
  });

  it('shows why a value is invalid and keeps it out of the document', () => {
    const { container, latest, changes } = renderEditor(supportLineFlow());
    clickNode(container, 'main_menu');
    const form = screen.getByRole('form', { name: 'Settings of main_menu' });
    fireEvent.change(within(form).getByLabelText('Timeout (seconds)'), { target: { value: '100' } });
    expect(within(form).getByRole('alert').textContent).toMatch(/60/);
    expect(within(form).getByText(/not valid yet/)).toBeTruthy();
    expect(changes).toHaveLength(0);
    expect(menuOf(latest()).data.timeoutSeconds).toBe(5);
    fireEvent.change(within(form).getByLabelText('Timeout (seconds)'), { target: { value: '8' } });
    expect(within(form).queryByRole('alert')).toBeNull();
    expect(menuOf(latest()).data.timeoutSeconds).toBe(8);
  });

  it('shows compiler diagnostics at the field they are about', async () => {
    const { container } = renderEditor(supportLineFlow());
    clickNode(container, 'main_menu');
    const form = screen.getByRole('form', { name: 'Settings of main_menu' });
    const keys = within(form).getAllByLabelText('Key') as HTMLSelectElement[];
    fireEvent.change(keys[1]!, { target: { value: '1' } });
    await waitFor(() => expect(within(form).getByText(/digit 1 is used by options 1 and 2/)).toBeTruthy());
    expect(within(form).getByText('SB103')).toBeTruthy();
  });

  it('adds a menu option with a free key and a name, connected to nothing yet', () => {
    const { container, latest } = renderEditor(supportLineFlow());
    clickNode(container, 'main_menu');
    fireEvent.click(screen.getByRole('button', { name: 'Add to Options' }));
    expect(menuOf(latest()).data.options.at(-1)).toEqual({ digit: '3', label: 'New 4' });
    expect(screen.getByTestId('node-main_menu').querySelector('[data-handleid="3"]')).not.toBeNull();
  });

  it('edits a schedule: hours per weekday and a holiday', () => {
    const { container, latest } = renderEditor(supportLineFlow());
    clickNode(container, 'hours');
    fireEvent.change(screen.getByLabelText('Monday closes at'), { target: { value: '18:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add a holiday' }));
    const schedule = latest().nodes.find((n) => n.id === 'hours') as FlowNodeOf<'schedule'>;
    expect(schedule.data.weekly.monday).toEqual([{ open: '09:00', close: '18:30' }]);
    expect(schedule.data.holidays).toHaveLength(2);
    expect(screen.getByRole('option', { name: 'Asia/Shanghai' })).toBeTruthy();
  });

  it('picks shared calendars for a schedule by name, in priority order', () => {
    const { container, latest } = renderEditor(supportLineFlow(), { calendarNames: ['CN-2027', 'Company'] });
    clickNode(container, 'hours');
    const add = screen.getByLabelText('Add calendar');
    fireEvent.change(add, { target: { value: 'Company' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add calendar' }));
    fireEvent.change(add, { target: { value: 'CN-2027' } });
    fireEvent.keyDown(add, { key: 'Enter' });
    const calendarsOf = () => (latest().nodes.find((n) => n.id === 'hours') as FlowNodeOf<'schedule'>).data.calendars;
    expect(calendarsOf()).toEqual(['Company', 'CN-2027']);
    fireEvent.click(screen.getByRole('button', { name: 'Give calendar CN-2027 priority over the one above' }));
    expect(calendarsOf()).toEqual(['CN-2027', 'Company']);
    fireEvent.change(add, { target: { value: 'Typo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add calendar' }));
    expect(within(screen.getByTestId('schedule-calendars')).getByText('(no such calendar yet)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove calendar Typo' }));
    expect(calendarsOf()).toEqual(['CN-2027', 'Company']);
  });

  it('edits a prompt per declared language and inserts variables', () => {
    const flow = { ...supportLineFlow(), languages: ['en', 'zh-CN'] };
    const { container, latest } = renderEditor(flow);
    clickNode(container, 'closed_message');
    fireEvent.click(screen.getByRole('tab', { name: /zh-CN/ }));
    fireEvent.change(screen.getByLabelText('Message in zh-CN'), { target: { value: '您好 ' } });
    fireEvent.change(screen.getByLabelText('Insert a variable…'), { target: { value: 'tier' } });
    const node = latest().nodes.find((n) => n.id === 'closed_message') as FlowNodeOf<'announcement'>;
    expect(node.data.prompt.text['zh-CN']).toBe('您好 ${tier}');
    expect(node.data.prompt.text.en).toContain('We are closed');
  });
});
