import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { renderWithApi, users } from '../test/fake-api';
import { AppHeader } from './AppHeader';

describe('app header', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('shows who is signed in with a role badge, and the Users page only to admins', () => {
    const { unmount } = renderWithApi(<AppHeader />, { user: users.admin });
    expect(screen.getByTestId('current-user').textContent).toBe('Ada Admin');
    expect(screen.getByTestId('role-badge').textContent).toBe('Admin');
    expect(screen.getByRole('link', { name: 'Users' })).toBeTruthy();
    unmount();

    renderWithApi(<AppHeader />, { user: users.publisher });
    expect(screen.getByTestId('role-badge').textContent).toBe('Publisher');
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Numbers' })).toBeTruthy();
  });
});
