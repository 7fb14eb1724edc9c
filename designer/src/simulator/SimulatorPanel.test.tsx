import { parseFlowDocument, type FlowDocument, type Scenario } from '@switchboard/flows';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../i18n';
import holidayHoursJson from '../../../flows/examples/holiday-hours.json';
import { SimulatorPanel } from './SimulatorPanel';

function holidayHours(): FlowDocument {
  const parsed = parseFlowDocument(structuredClone(holidayHoursJson));
  if (!parsed.ok) throw new Error('example does not parse');
  return parsed.document;
}

function show(document: FlowDocument, onScenariosChange?: (scenarios: Scenario[]) => void) {
  const onHighlights = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <SimulatorPanel now={() => Date.parse('2026-11-23T10:00:00Z')} document={document} onHighlights={onHighlights} onScenariosChange={onScenariosChange} editDeniedReason={onScenariosChange ? undefined : 'Permission required: edit flows'} />
    </I18nextProvider>,
  );
  return { onHighlights };
}

const heard = () => screen.getAllByTestId('heard').map((line) => line.textContent ?? '');
const commands = () => screen.queryAllByTestId('freeswitch-command').map((line) => line.textContent ?? '');
const setNumber = (label: string, value: number) => fireEvent.change(screen.getByLabelText(label), { target: { value: String(value) } });

describe('simulator panel', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('on a holiday date the caller hears the holiday message, and the path is lit on the canvas', () => {
    const { onHighlights } = show(holidayHours());
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-12-25' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    expect(heard()[0]).toContain('We are closed for the holiday');
    expect(commands()).toContain("execute speak flite|kal|Season's greetings. We are closed for the holiday and will reopen on the next working day at 9am.");
    expect(screen.getByTestId('simulator-status').textContent).toContain('Call ended: self-served');
    expect(onHighlights).toHaveBeenLastCalledWith({ start: 'visited', hours: 'visited', holidayMessage: 'visited', bye: 'visited' });
  });

  it('on a working day pressing 1 on the keypad reaches the queue with the exact callcenter command', () => {
    const { onHighlights } = show(holidayHours());
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    expect(screen.getByTestId('simulator-status').textContent).toContain('At Menu menu: waiting for keys');
    expect(commands().some((c) => c.startsWith('execute play_and_get_digits 1 1 1 5000'))).toBe(true);
    fireEvent.click(within(screen.getByRole('group', { name: 'Phone keypad' })).getByRole('button', { name: 'Key 1' }));
    expect(commands()).toContain('execute callcenter support@default');
    expect(screen.getByTestId('simulator-status').textContent).toContain('At Queue support: waiting in the queue');
    expect(onHighlights).toHaveBeenLastCalledWith(expect.objectContaining({ menu: 'visited', support: 'active' }));
  });

  it('names steps and outlets as the canvas does, and says why each step was left', () => {
    const document = holidayHours();
    document.nodes = document.nodes.map((node) => (node.id === 'menu' ? { ...node, label: 'Main choices' } : node));
    show(document);
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    fireEvent.click(within(screen.getByRole('group', { name: 'Phone keypad' })).getByRole('button', { name: 'Key 1' }));
    const visits = screen.getAllByTestId('visit').map((line) => line.textContent ?? '');
    // The label when the step has one, else its type; the id only as a detail.
    expect(visits).toContainEqual(expect.stringMatching(/→ Main choices menu$/));
    expect(visits).toContainEqual(expect.stringMatching(/→ Schedule hours hours$/));
    const decisions = screen.getAllByTestId(/decision$/).map((line) => line.textContent ?? '');
    expect(decisions).toContainEqual(expect.stringMatching(/Schedule hours took “Open”: open: Monday/));
    expect(decisions).toContainEqual(expect.stringMatching(/Main choices took “1 · Support”: /));
  });

  it('takes keys from the keyboard too', () => {
    show(holidayHours());
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    fireEvent.keyDown(screen.getByTestId('simulator-panel'), { key: '1' });
    expect(commands()).toContain('execute callcenter support@default');
  });

  it('with the queue over its threshold makes the callback offer, and saves the run as a scenario in one click', () => {
    const onScenariosChange = vi.fn();
    show(holidayHours(), onScenariosChange);
    setNumber('Callers waiting', 12);
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    fireEvent.click(screen.getByRole('button', { name: 'Key 1' }));
    expect(heard().at(-1)).toContain('We can call you back on 0 7 7 0 0, 9 0 0 1 2 3');
    fireEvent.change(screen.getByLabelText('Scenario name'), { target: { value: 'busy queue offers a callback' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save run as scenario' }));
    const saved = onScenariosChange.mock.calls[0]?.[0] as Scenario[];
    const scenario = saved.at(-1)!;
    expect(scenario).toMatchObject({ name: 'busy queue offers a callback', call: { localTime: '2026-11-23T10:00', timezone: 'Europe/London' }, queue: { callersWaiting: 12 }, script: [{ action: 'press', digits: '1' }] });
    expect(scenario.expect).toMatchObject({ visits: ['start', 'hours', 'menu', 'support', 'busy', 'callback'], outcome: 'inProgress' });
  });

  it('staying silent through the menu and its two retries leads to the queue; hanging up there abandons it', () => {
    show(holidayHours());
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    fireEvent.click(screen.getByRole('button', { name: 'Stay silent' }));
    expect(screen.getByTestId('simulator-status').textContent).toContain('At Menu menu: waiting for keys');
    fireEvent.click(screen.getByRole('button', { name: 'Stay silent' }));
    fireEvent.click(screen.getByRole('button', { name: 'Stay silent' }));
    expect(screen.getByTestId('simulator-status').textContent).toContain('At Queue support');
    fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    expect(screen.getByTestId('simulator-status').textContent).toContain('Call ended: abandoned in the queue');
  });

  it('runs all saved scenarios green, and shows the first difference once an edit breaks one', () => {
    show(holidayHours());
    fireEvent.click(screen.getByRole('button', { name: 'Run all scenarios' }));
    expect(screen.getByTestId('scenario-summary').textContent).toBe('3 passed, 0 failed');
  });

  it('red with the difference when the holiday message changed', () => {
    const document = holidayHours();
    const edited = { ...document, nodes: document.nodes.map((n) => (n.id === 'holidayMessage' ? { ...n, data: { ...n.data, prompt: { text: { en: 'Closed today.' } } } } : n)) } as FlowDocument;
    show(edited);
    fireEvent.click(screen.getByRole('button', { name: 'Run all scenarios' }));
    expect(screen.getByTestId('scenario-summary').textContent).toBe('2 passed, 1 failed');
    expect(screen.getByTestId('scenario-difference').textContent).toBe('Expected the caller to hear “closed for the holiday”, but they heard “Closed today.”, “Thank you for calling. Goodbye.”');
  });

  it('each row shows its own result, even for two scenarios that share a name (saved before names were checked)', () => {
    const document = holidayHours();
    const christmas = document.scenarios![0]!;
    const twin = { ...christmas, expect: { ...christmas.expect, heard: ['open as usual'] } };
    show({ ...document, scenarios: [...document.scenarios!, twin] });
    fireEvent.click(screen.getByRole('button', { name: 'Run all scenarios' }));
    expect(screen.getByTestId('scenario-summary').textContent).toBe('3 passed, 1 failed');
    const marks = screen.getAllByTestId('scenario').map((row) => row.textContent?.slice(0, 1));
    expect(marks).toEqual(['✓', '✓', '✓', '✗']);
  });

  it('saving a run under a name already taken asks first, then replaces that scenario in place', () => {
    const onScenariosChange = vi.fn();
    const document = holidayHours();
    const taken = document.scenarios![1]!.name;
    show(document, onScenariosChange);
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    fireEvent.change(screen.getByLabelText('Scenario name'), { target: { value: taken } });
    fireEvent.click(screen.getByRole('button', { name: 'Save run as scenario' }));
    expect(onScenariosChange).not.toHaveBeenCalled();
    expect(screen.getByTestId('scenario-replace').textContent).toContain(`A scenario named “${taken}” already exists.`);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('scenario-replace')).toBeNull();
    expect(onScenariosChange).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Save run as scenario' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replace it' }));
    const saved = onScenariosChange.mock.calls[0]?.[0] as Scenario[];
    expect(saved.map((s) => s.name)).toEqual(document.scenarios!.map((s) => s.name));
    expect(saved[1]?.script).toEqual([]);
    expect(saved[1]).not.toEqual(document.scenarios![1]);
  });

  it('a default name skips names already taken', () => {
    const onScenariosChange = vi.fn();
    const document = holidayHours();
    show({ ...document, scenarios: [{ ...document.scenarios![0]!, name: 'Scenario 2' }] }, onScenariosChange);
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save run as scenario' }));
    expect((onScenariosChange.mock.calls[0]?.[0] as Scenario[]).map((s) => s.name)).toEqual(['Scenario 2', 'Scenario 3']);
  });

  it('editing a scenario to a name another one has is refused with the name', () => {
    const onScenariosChange = vi.fn();
    const document = holidayHours();
    show(document, onScenariosChange);
    fireEvent.click(screen.getAllByRole('button', { name: 'Edit' })[0]!);
    fireEvent.click(within(within(screen.getByTestId('scenario-editor')).getByRole('group', { name: 'Edit the scenario as' })).getByRole('button', { name: 'JSON' }));
    const text = screen.getByLabelText('Scenario (JSON)') as HTMLTextAreaElement;
    const other = document.scenarios![2]!.name;
    fireEvent.change(text, { target: { value: JSON.stringify({ ...JSON.parse(text.value), name: other }) } });
    fireEvent.click(screen.getByRole('button', { name: 'Save scenario' }));
    expect(screen.getByRole('alert').textContent).toBe(`Another scenario is already named “${other}”; give this one its own name.`);
    expect(onScenariosChange).not.toHaveBeenCalled();
  });

  it('without the right to edit the flow, saving and editing scenarios is disabled with the reason', () => {
    show(holidayHours());
    fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
    const save = screen.getByRole('button', { name: 'Save run as scenario' });
    expect(save).toHaveProperty('disabled', true);
    expect(save.getAttribute('title')).toBe('Permission required: edit flows');
  });

  it('speaks Chinese', () => {
    void i18n.changeLanguage('zh-CN');
    show(holidayHours());
    expect(screen.getByRole('button', { name: '开始测试呼叫' })).toBeTruthy();
  });

  it('in Chinese names the effects and writes the simulated time the Chinese way', () => {
    void i18n.changeLanguage('zh-CN');
    show(holidayHours());
    fireEvent.click(screen.getByRole('button', { name: '开始测试呼叫' }));
    const kinds = [...document.querySelectorAll('.sb-sim-line--effect > strong')].map((e) => e.textContent);
    expect(kinds).toContain('收集按键');
    expect(kinds.filter((kind) => /[A-Za-z]/.test(kind ?? ''))).toEqual([]);
    const clock = screen.getByTestId('simulator-status').parentElement?.querySelector('time')?.textContent ?? '';
    expect(clock).toMatch(/2026年11月23日/);
    expect(clock).not.toMatch(/Nov|AM|PM/);
  });
});
