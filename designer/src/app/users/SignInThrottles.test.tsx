import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { renderWithApi, users } from '../test/fake-api';
import { SignInThrottles } from './SignInThrottles';

describe('users page: slowed-down sign-ins', () => {
  beforeEach(() => void i18n.changeLanguage('en'));

  it('lists each throttle and clears one, then shows the list again', async () => {
    let rows = [
      { email: 'ann@example.com', address: '203.0.113.7', failures: 7, refused: 12, firstFailureAt: '2026-12-03T09:00:00.000Z', lastFailureAt: '2026-12-03T09:05:00.000Z', blockedUntil: '2026-12-03T09:09:00.000Z' },
      { email: '', address: '203.0.113.7', failures: 7, refused: 0, firstFailureAt: '2026-12-03T09:00:00.000Z', lastFailureAt: '2026-12-03T09:05:00.000Z', blockedUntil: null },
    ];
    const { log } = renderWithApi(<SignInThrottles />, {
      user: users.admin,
      handlers: {
        'users.signInThrottles': () => rows,
        'users.clearSignInThrottle': (input) => {
          const { email, address } = input as { email: string; address: string };
          rows = rows.filter((row) => !(row.email === email && row.address === address));
          return { cleared: true, email, address };
        },
      },
    });
    const ann = await screen.findByTestId('throttle-ann@example.com-203.0.113.7');
    expect(within(ann).getAllByRole('cell').map((cell) => cell.textContent).slice(0, 4)).toEqual(['ann@example.com', '203.0.113.7', '7', '12']);
    const any = screen.getByTestId('throttle-*-203.0.113.7');
    expect(within(any).getAllByRole('cell').map((cell) => cell.textContent)).toContain('any account');
    expect(within(any).getAllByRole('cell').map((cell) => cell.textContent)).toContain('not waiting');

    await userEvent.click(screen.getByRole('button', { name: 'Clear the sign-in throttle of ann@example.com from 203.0.113.7' }));
    await waitFor(() => expect(screen.queryByTestId('throttle-ann@example.com-203.0.113.7')).toBeNull());
    expect(log.calls.filter((c) => c.path === 'users.clearSignInThrottle').map((c) => c.input)).toEqual([{ email: 'ann@example.com', address: '203.0.113.7' }]);
  });

  it('says so when nobody is being slowed down, in Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    renderWithApi(<SignInThrottles />, { user: users.admin, handlers: { 'users.signInThrottles': () => [] } });
    expect(await screen.findByText('最近没有失败的登录。')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '被限速的登录' })).toBeTruthy();
  });
});
