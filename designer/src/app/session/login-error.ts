import type { TFunction } from 'i18next';
import { apiErrorInfo } from '../api/api-error';

/** A sign-in failure in the UI's language: wrong credentials, rate limiting (with the wait), or the server's words. */
export function loginErrorText(t: TFunction, error: unknown): string {
  const info = apiErrorInfo(error);
  if (info.code === 'UNAUTHORIZED') return t('app.login.wrongCredentials');
  if (info.code === 'TOO_MANY_REQUESTS') {
    const seconds = info.retryAfterSeconds ?? 15 * 60;
    return seconds < 120 ? t('app.login.rateLimitedSeconds', { count: seconds }) : t('app.login.rateLimited', { count: Math.ceil(seconds / 60) });
  }
  if (info.code === 'BAD_REQUEST') return t('app.login.invalidEmail');
  return t('app.login.failed', { message: info.message });
}
