import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSubflowReferences, compileFlow, type Diagnostic, type FlowNodeOf } from '@switchboard/flows';
import { DiagnosticList } from '../app/ui/DiagnosticList';
import { supportLineFlow } from '../editor/examples/support-line';
import { clickNode } from '../editor/test/canvas-helpers';
import { renderEditor } from '../editor/test/render-editor';
import { i18n } from './index';
import { diagnosticText } from './diagnostic-text';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

/** The support line queueing callers in "support desk", which is not a queue name (no spaces) (SB151). */
function flowWithBadQueueName() {
  const flow = supportLineFlow();
  (flow.nodes.find((n) => n.id === 'support_queue') as FlowNodeOf<'queue'>).data.queue = 'support desk';
  return flow;
}

/** What the API hands the client: diagnostics as JSON. */
const overTheWire = (diagnostics: Diagnostic[]): Diagnostic[] => JSON.parse(JSON.stringify(diagnostics)) as Diagnostic[];

describe('diagnostic messages in the UI language', () => {
  it('the problems panel says a diagnostic in Chinese with its values filled in', async () => {
    await i18n.changeLanguage('zh-CN');
    renderEditor(flowWithBadQueueName());
    const item = screen.getByRole('button', { name: /SB151/ });
    expect(item.textContent).toContain('“support desk”不是队列名称，例如 support@default');
    expect(item.textContent).toContain('检查队列名称、阈值和播报间隔。');
    expect(item.textContent).not.toContain('is not a queue name');
  });

  it('the inspector shows the same sentence under the field, and switching back to English restores the English', async () => {
    await i18n.changeLanguage('zh-CN');
    const { container } = renderEditor(flowWithBadQueueName());
    clickNode(container, 'support_queue');
    const inline = () => screen.getAllByRole('alert').map((alert) => alert.textContent ?? '');
    expect(inline().some((text) => text.includes('SB151') && text.includes('“support desk”不是队列名称，例如 support@default') && text.includes('检查队列名称'))).toBe(true);
    await i18n.changeLanguage('en');
    await waitFor(() => expect(inline().some((text) => text.includes('"support desk" is not a queue name such as support@default'))).toBe(true));
  });

  it('the publish dialog list translates diagnostics that came over the API, including a specific hint', async () => {
    await i18n.changeLanguage('zh-CN');
    const cycle = overTheWire(checkSubflowReferences(new Map([['main-menu', ['billing']], ['billing', ['main-menu']]])));
    const split = overTheWire(
      compileFlow({
        ...supportLineFlow(),
        nodes: [...supportLineFlow().nodes, { id: 'ab', type: 'split', position: { x: 0, y: 0 }, data: { branches: [{ key: 'a', label: 'A', percent: 60 }, { key: 'b', label: 'B', percent: 35 }] } }],
      } as ReturnType<typeof supportLineFlow>).diagnostics.filter((d) => d.code === 'SB140'),
    );
    const legacy: Diagnostic = { code: 'SB001', severity: 'error', path: 'name', message: 'an old server said this' };
    render(<DiagnosticList diagnostics={[...cycle, ...split, legacy]} />);
    const items = screen.getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(items[0]).toContain('子流程相互循环调用：billing → main-menu → billing');
    expect(items[0]).toContain('打破循环 billing → main-menu → billing：');
    expect(items[1]).toContain('比例合计为 95%，不是 100%');
    expect(items[1]).toContain('调整比例，使合计为 100。');
    // No message id (older data): the English message, rather than nothing.
    expect(items[2]).toContain('an old server said this');
  });

  it('the code view lists a text problem in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    renderEditor(supportLineFlow());
    fireEvent.click(screen.getByRole('tab', { name: '代码（JSON）' }));
    const text = screen.getByRole('textbox', { name: '流程 JSON' }) as HTMLTextAreaElement;
    fireEvent.change(text, { target: { value: text.value.replace(/"schemaVersion": \d+/, '"schemaVersion": 99') } });
    await waitFor(() => expect(within(screen.getByRole('list', { name: '文本中的问题' })).getByText(/schemaVersion 99 比此版本的 Switchboard 支持的（\d+）更新/)).toBeTruthy());
  });

  it('names a node type by its title in the UI language', () => {
    const lonelyStart = { ...supportLineFlow(), nodes: supportLineFlow().nodes.filter((n) => n.id === 'start'), edges: [] };
    const [unconnected] = compileFlow(lonelyStart).diagnostics.filter((d) => d.code === 'SB202');
    expect(unconnected?.message).toBe('outlet "Next" of start node start is not connected');
    expect(diagnosticText(i18n.getFixedT('zh-CN'), unconnected as Diagnostic)).toBe('“开始”步骤 start 的出口“Next”没有连接');
    expect(diagnosticText(i18n.getFixedT('en'), unconnected as Diagnostic)).toBe('outlet "Next" of Start node start is not connected');
  });

  it('falls back to the English message for a message id this UI does not know', () => {
    const fromNewerServer = { message: 'something new', messageId: 'SB141.fromTheFuture', params: {} } as unknown as Diagnostic;
    expect(diagnosticText(i18n.getFixedT('zh-CN'), fromNewerServer)).toBe('something new');
  });
});
