import type { TFunction } from 'i18next';
import { apiErrorInfo } from '../api/api-error';

/** A sign-in failure in the UI's language: wrong credentials, rate limiting (with the wait), or the server's words. */
export function loginErrorText(t: TFunction, error: unknown): string {
  const info = apiErrorInfo(error);
  if (info.code === 'UNAUTHORIZED') return t('app.login.wrongCredentials');
  if (info.code === 'TOO_MANY_REQUESTS') {
    const minutes = Number(/(\d+) minute/.exec(info.message)?.[1] ?? 15);
    return t('app.login.rateLimited', { count: minutes });
  }
  if (info.code === 'BAD_REQUEST') return t('app.login.invalidEmail');
  return t('app.login.failed', { message: info.message });
}
