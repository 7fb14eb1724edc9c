import { beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { apiError } from '../test/fake-api';
import { loginErrorText } from './login-error';

describe('sign-in error text', () => {
  beforeEach(() => void i18n.changeLanguage('en'));
  const throttled = (seconds: number) => apiError('TOO_MANY_REQUESTS', 'Too many failed sign-ins from your address; …', { retryAfterSeconds: seconds });

  it('says how long a throttled sign-in waits, in seconds or minutes', async () => {
    expect(loginErrorText(i18n.t, throttled(30))).toBe('Too many failed sign-ins. Try again in 30 seconds.');
    expect(loginErrorText(i18n.t, throttled(1))).toBe('Too many failed sign-ins. Try again in 1 second.');
    expect(loginErrorText(i18n.t, throttled(480))).toBe('Too many failed sign-ins. Try again in 8 minutes.');
    await i18n.changeLanguage('zh-CN');
    expect(loginErrorText(i18n.t, throttled(60))).toBe('登录失败次数过多，请 60 秒后再试。');
  });
});
