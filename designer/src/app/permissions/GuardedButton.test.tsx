import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n';
import { renderWithApi, users } from '../test/fake-api';
import { GuardedButton } from './GuardedButton';

describe('role-aware controls', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('lets a publisher use a publishing control', async () => {
    const onClick = vi.fn();
    renderWithApi(<GuardedButton permission="publishFlows" onClick={onClick}>Publish…</GuardedButton>, { user: users.publisher });
    const button = screen.getByRole('button', { name: 'Publish…' });
    expect(button.hasAttribute('disabled')).toBe(false);
    await userEvent.click(button);
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('disables it for an editor and says why, naming the roles that may', async () => {
    const onClick = vi.fn();
    renderWithApi(<GuardedButton permission="publishFlows" onClick={onClick}>Publish…</GuardedButton>, { user: users.editor });
    const button = screen.getByRole('button', { name: 'Publish…' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(button.getAttribute('title')).toBe('Your role (Editor) cannot publish flows; this needs the Publisher or Admin role.');
    await userEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });

  it('shows no button at all in note mode, only the label with the reason', () => {
    renderWithApi(<GuardedButton permission="rollBack" whenDenied="note">Roll back…</GuardedButton>, { user: users.publisher });
    expect(screen.queryByRole('button')).toBeNull();
    const note = screen.getByText(/Roll back…/);
    expect(note.closest('[title]')?.getAttribute('title')).toBe('Your role (Publisher) cannot roll back to an earlier version; this needs the Admin role.');
  });

  it('gives the reason in Chinese when the UI is in Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    renderWithApi(<GuardedButton permission="editFlows">New</GuardedButton>, { user: users.tester });
    expect(screen.getByRole('button', { name: 'New' }).getAttribute('title')).toBe('您的角色（测试）不能编辑流程。请联系编辑或发布者或管理员。');
    await i18n.changeLanguage('en');
  });
});
