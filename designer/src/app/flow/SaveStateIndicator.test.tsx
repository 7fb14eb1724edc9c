import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n';
import { SaveStateIndicator } from './SaveStateIndicator';

const show = (ui: React.ReactNode) => render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);

describe('save state indicator', () => {
  it.each([
    ['saved', 'All changes saved'],
    ['unsaved', 'Unsaved changes'],
    ['saving', 'Saving…'],
    ['conflict', 'Not saved: someone else saved this flow'],
  ] as const)('says %s in words', (status, text) => {
    void i18n.changeLanguage('en');
    show(<SaveStateIndicator status={status} error={null} onRetry={() => undefined} />);
    expect(screen.getByRole('status').textContent).toContain(text);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('explains a failed save and offers to try again', async () => {
    void i18n.changeLanguage('en');
    const onRetry = vi.fn();
    show(<SaveStateIndicator status="error" error={new Error('Server unreachable')} onRetry={onRetry} />);
    expect(screen.getByRole('status').textContent).toContain('Could not save. Server unreachable');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
