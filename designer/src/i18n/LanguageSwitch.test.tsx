import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FlowEditor, i18n, LanguageSwitch } from '../editor';
import { supportLineFlow } from '../editor/examples/support-line';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('language switch', () => {
  it('renders the editor in Simplified Chinese', async () => {
    render(
      <>
        <LanguageSwitch />
        <FlowEditor document={supportLineFlow()} onChange={() => {}} />
      </>,
    );
    expect(screen.getByRole('navigation', { name: 'Steps' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'zh-CN' } });
    const palette = await screen.findByRole('navigation', { name: '步骤' });
    expect(within(palette).getByText('按键菜单')).toBeTruthy();
    expect(within(palette).getByText('转接人工')).toBeTruthy();
    expect(within(screen.getByTestId('node-main_menu')).getByText('无输入')).toBeTruthy();
    expect(screen.getByRole('region', { name: '问题' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '撤销' })).toBeTruthy();
    expect(window.localStorage.getItem('switchboard.uiLanguage')).toBe('zh-CN');
    // The page says its language, and the select has its name even where its visible label is hidden.
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(screen.getByRole('combobox', { name: '语言' })).toBeTruthy();
  });
});
