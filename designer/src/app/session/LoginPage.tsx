import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../i18n/LanguageSwitch';
import { useTRPC } from '../api/trpc';
import { loginErrorText } from './login-error';

/** Email and password; wrong credentials and rate limiting are explained in words. */
export function LoginPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (user) => queryClient.setQueryData(trpc.auth.me.queryKey(), user),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password });
  };
  return (
    <main className="sb-app-login">
      <form className="sb-app-card sb-app-login__form" onSubmit={submit} aria-labelledby="login-title">
        <div className="sb-app-login__top">
          <h1 id="login-title">{t('app.login.title')}</h1>
          <LanguageSwitch />
        </div>
        <p className="sb-app-muted">{t('app.login.intro')}</p>
        <label className="sb-app-field">
          <span>{t('app.login.email')}</span>
          <input className="sb-app-input" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="sb-app-field">
          <span>{t('app.login.password')}</span>
          <input className="sb-app-input" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {login.isError && (
          <p className="sb-app-error" role="alert">
            {loginErrorText(t, login.error)}
          </p>
        )}
        <button type="submit" className="sb-app-button sb-app-button--primary" disabled={login.isPending}>
          {login.isPending ? t('app.login.signingIn') : t('app.login.submit')}
        </button>
      </form>
    </main>
  );
}
