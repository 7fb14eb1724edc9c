import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { supportLineFlow } from '../examples/support-line';
import { renderEditor } from '../test/render-editor';

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

describe('templates in the palette', () => {
  it('inserts the queue-with-callback group, selected, and one undo removes it', () => {
    const { latest } = renderEditor(supportLineFlow());
    const palette = screen.getByRole('navigation', { name: 'Steps' });
    fireEvent.click(within(palette).getByRole('button', { name: /Queue with callback overflow/ }));
    const added = latest().nodes.filter((n) => !supportLineFlow().nodes.some((o) => o.id === n.id));
    expect(added.map((n) => `${n.type}:${n.label}`)).toEqual(['queue:Waiting queue', 'callback:Offer a callback', 'hangup:Goodbye']);
    expect(screen.getByText('3 steps and 0 connections selected.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(latest().nodes).toHaveLength(supportLineFlow().nodes.length);
  });

  it('the palette search finds templates by their name in the UI language', async () => {
    await i18n.changeLanguage('zh-CN');
    renderEditor(supportLineFlow());
    const palette = screen.getByRole('navigation', { name: '步骤' });
    fireEvent.change(within(palette).getByRole('searchbox'), { target: { value: '语言' } });
    const section = within(palette).getByRole('region', { name: '模板' });
    expect(within(section).getAllByRole('button').map((b) => b.querySelector('.sb-palette__item-title')?.textContent)).toEqual(['语言选择']);
  });
});
