import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../i18n';
import { SimulatorPanel, type SimulatorPanelProps } from './SimulatorPanel';
import { compiledGreeting, frontDoor } from './test/greeting-documents';

function show(subflows: SimulatorPanelProps['subflows']) {
  render(
    <I18nextProvider i18n={i18n}>
      <SimulatorPanel document={frontDoor()} onHighlights={vi.fn()} subflows={subflows} />
    </I18nextProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Start test call' }));
  return screen.getAllByTestId('heard').map((line) => line.textContent ?? '');
}

describe('simulator panel with sub-flows', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('enters a published sub-flow and comes back: the caller hears its prompt', () => {
    const heard = show({ flows: [compiledGreeting('Welcome to Acme.')], unpublished: [], loading: false, loadError: null });
    expect(heard).toEqual([expect.stringContaining('Welcome to Acme.')]);
    expect(screen.getByTestId('simulator-status').textContent).toContain('Call ended: self-served');
    expect(screen.queryByTestId('subflow-notice')).toBeNull();
  });

  it('says which sub-flow is not published, and the call takes the failed route', () => {
    const heard = show({ flows: [], unpublished: ['Greeting'], loading: false, loadError: null });
    expect(screen.getByTestId('subflow-notice').textContent).toBe('Sub-flow “Greeting” is not published: calls into it take the failed route. Publish it to simulate it.');
    expect(heard).toEqual([expect.stringContaining('Sorry, the greeting is unavailable.')]);
  });

  it('says so in Chinese too', () => {
    void i18n.changeLanguage('zh-CN');
    render(
      <I18nextProvider i18n={i18n}>
        <SimulatorPanel document={frontDoor()} onHighlights={vi.fn()} subflows={{ flows: [], unpublished: ['Greeting', 'Survey'], loading: false, loadError: null }} />
      </I18nextProvider>,
    );
    expect(screen.getByTestId('subflow-notice').textContent).toBe('子流程 “Greeting”, “Survey” 尚未发布：进入它们的呼叫会走“失败”分支。发布后即可模拟。');
  });
});
