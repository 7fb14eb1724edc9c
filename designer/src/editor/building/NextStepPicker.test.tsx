import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n';
import { NextStepPicker } from './NextStepPicker';

beforeEach(async () => {
  await i18n.changeLanguage('en');
});

function renderPicker() {
  const onPick = vi.fn();
  const onCancel = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <button type="button">elsewhere</button>
      <NextStepPicker left={10} top={20} from="After “Main menu” › 1" onPick={onPick} onCancel={onCancel} />
    </I18nextProvider>,
  );
  return { onPick, onCancel, search: screen.getByRole('combobox', { name: 'Find a step type' }) };
}

describe('next-step picker', () => {
  it('is typed into at once, filters, and Enter adds the highlighted type', () => {
    const { onPick, search } = renderPicker();
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'queue' } });
    const options = screen.getAllByRole('option');
    expect(options[0]?.textContent).toMatch(/^Queue/);
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledWith({ kind: 'step', type: 'queue' });
  });

  it('moves with the arrow keys and is picked with a click', () => {
    const { onPick, search } = renderPicker();
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getAllByRole('option')[2]!);
    expect(onPick).toHaveBeenCalledTimes(1);
  });

  it('Escape or a click elsewhere cancels', () => {
    const { onCancel, onPick, search } = renderPicker();
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    fireEvent.pointerDown(screen.getByRole('button', { name: 'elsewhere' }));
    expect(onCancel).toHaveBeenCalledTimes(2);
    expect(onPick).not.toHaveBeenCalled();
  });

  it('says nothing matches', () => {
    const { search } = renderPicker();
    fireEvent.change(search, { target: { value: 'zzzz' } });
    expect(screen.getByText('No step type matches.')).toBeTruthy();
  });
});
