import { parseFlowDocument, type FlowDocument, type Scenario } from '@switchboard/flows';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n';
import holidayHoursJson from '../../../../flows/examples/holiday-hours.json';
import { SimulatorPanel } from '../SimulatorPanel';

function holidayHours(): FlowDocument {
  const parsed = parseFlowDocument(structuredClone(holidayHoursJson));
  if (!parsed.ok) throw new Error('example does not parse');
  return parsed.document;
}

function show(document: FlowDocument, onScenariosChange = vi.fn<(scenarios: Scenario[]) => void>()) {
  render(
    <I18nextProvider i18n={i18n}>
      <SimulatorPanel now={() => Date.parse('2026-11-23T10:00:00Z')} document={document} onHighlights={() => undefined} onScenariosChange={onScenariosChange} />
    </I18nextProvider>,
  );
  return onScenariosChange;
}

function editFirst() {
  fireEvent.click(screen.getAllByRole('button', { name: 'Edit' })[0]!);
  return screen.getByTestId('scenario-editor');
}

describe('editing a saved scenario in a form', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('changes the name, the script and the expectations without touching JSON, and saves', () => {
    const onScenariosChange = show(holidayHours());
    const editor = editFirst();
    fireEvent.change(within(editor).getByLabelText('Scenario name'), { target: { value: 'Boxing Day' } });
    fireEvent.change(within(editor).getByLabelText('Date'), { target: { value: '2026-12-26' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Add a step' }));
    fireEvent.change(within(editor).getByLabelText('Step 1'), { target: { value: 'wait' } });
    fireEvent.change(within(editor).getByLabelText('Seconds'), { target: { value: '3' } });
    fireEvent.change(within(editor).getByLabelText('Ends as'), { target: { value: 'callerHungUp' } });
    // Steps to pass are chosen by their canvas names.
    expect((within(editor).getByLabelText('Step 2 passed') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('Announcement holidayMessage');
    fireEvent.click(within(editor).getByRole('button', { name: 'Save scenario' }));
    const saved = onScenariosChange.mock.calls[0]?.[0]?.[0];
    expect(saved?.name).toBe('Boxing Day');
    expect(saved?.call.localTime).toBe('2026-12-26T10:00');
    expect(saved?.script).toEqual([{ action: 'wait', seconds: 3 }]);
    expect(saved?.expect).toEqual({ visits: ['hours', 'holidayMessage', 'bye'], heard: ['closed for the holiday'], outcome: 'callerHungUp' });
  });

  it('edits a mocked web service answer field by field, and names a wrong field instead of saving', () => {
    const onScenariosChange = show(holidayHours());
    const editor = editFirst();
    fireEvent.click(within(editor).getByRole('button', { name: 'Add a mocked answer' }));
    const mock = within(editor).getByTestId('http-mock');
    fireEvent.change(within(mock).getByLabelText('URL (* matches anything)'), { target: { value: 'https://crm.example.com/*' } });
    fireEvent.change(within(mock).getByLabelText('HTTP status'), { target: { value: 'OK' } });
    fireEvent.click(within(mock).getByRole('button', { name: 'Add a field' }));
    fireEvent.change(within(mock).getByLabelText('Field 1 (e.g. customer.tier)'), { target: { value: 'customer.tier' } });
    fireEvent.change(within(mock).getByLabelText('Value of field 1'), { target: { value: 'gold' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save scenario' }));
    expect(within(editor).getByTestId('form-problems').textContent).toContain('Web service answers › Answer 1 › HTTP status: must be a whole number');
    expect(within(mock).getByTestId('field-problem').textContent).toBe('must be a whole number');
    expect(onScenariosChange).not.toHaveBeenCalled();

    fireEvent.change(within(mock).getByLabelText('HTTP status'), { target: { value: '200' } });
    fireEvent.change(within(mock).getByLabelText('Takes (ms)'), { target: { value: '40' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save scenario' }));
    expect(onScenariosChange.mock.calls[0]?.[0]?.[0]?.http).toEqual([{ url: 'https://crm.example.com/*', status: 200, body: '{"customer":{"tier":"gold"}}', delayMs: 40 }]);
  });

  it('shows the same scenario as JSON and back, with the format explained', () => {
    show(holidayHours());
    const editor = editFirst();
    fireEvent.change(within(editor).getByLabelText('Scenario name'), { target: { value: 'Renamed in the form' } });
    fireEvent.click(within(within(editor).getByRole('group', { name: 'Edit the scenario as' })).getByRole('button', { name: 'JSON' }));
    const text = within(editor).getByLabelText('Scenario (JSON)') as HTMLTextAreaElement;
    expect(JSON.parse(text.value).name).toBe('Renamed in the form');
    expect(within(editor).getByText('How the JSON is written')).toBeTruthy();
    fireEvent.change(text, { target: { value: JSON.stringify({ ...JSON.parse(text.value), script: [{ action: 'press', digits: '9' }] }) } });
    fireEvent.click(within(within(editor).getByRole('group', { name: 'Edit the scenario as' })).getByRole('button', { name: 'Form' }));
    expect((within(editor).getByLabelText('Keys') as HTMLInputElement).value).toBe('9');
    expect((within(editor).getByLabelText('Scenario name') as HTMLInputElement).value).toBe('Renamed in the form');
  });

  it('checks variable values at the end, and says a failing one in words', () => {
    const document = holidayHours();
    document.variables = [{ name: 'tier', type: 'string', description: '' } as FlowDocument['variables'][number]];
    const onScenariosChange = show(document);
    const editor = editFirst();
    fireEvent.click(within(editor).getByRole('button', { name: 'Add a variable to check' }));
    expect((within(editor).getByLabelText('Variable 1') as HTMLInputElement).value).toBe('tier');
    fireEvent.change(within(editor).getByLabelText('Value of variable 1'), { target: { value: 'gold' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save scenario' }));
    const saved = onScenariosChange.mock.calls[0]![0];
    expect(saved[0]?.expect.variables).toEqual({ tier: 'gold' });
  });
});
