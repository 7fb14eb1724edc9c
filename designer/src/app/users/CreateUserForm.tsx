import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, useTRPC, type Role } from '../api/trpc';
import { ErrorMessage } from '../ui/ErrorMessage';

/** Adds a user with a role and a first password (at least 12 characters). */
export function CreateUserForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [password, setPassword] = useState('');
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: () => {
        setEmail('');
        setDisplayName('');
        setPassword('');
        void queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ email, displayName, role, password });
  };
  return (
    <form className="sb-app-card sb-app-bind" onSubmit={submit} aria-label={t('app.users.createTitle')}>
      <h2>{t('app.users.createTitle')}</h2>
      <div className="sb-app-bind__fields">
        <label className="sb-app-field">
          <span>{t('app.users.name')}</span>
          <input className="sb-app-input" value={displayName} required onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label className="sb-app-field">
          <span>{t('app.users.email')}</span>
          <input className="sb-app-input" type="email" value={email} required onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="sb-app-field">
          <span>{t('app.users.role')}</span>
          <select className="sb-app-input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`app.roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="sb-app-field">
          <span>{t('app.users.password')}</span>
          <input className="sb-app-input" type="password" autoComplete="new-password" minLength={12} value={password} required onChange={(e) => setPassword(e.target.value)} />
          <small className="sb-app-muted">{t('app.users.passwordHint')}</small>
        </label>
        <button type="submit" className="sb-app-button sb-app-button--primary" disabled={create.isPending}>
          {t('app.users.create')}
        </button>
      </div>
      {create.isError && <ErrorMessage error={create.error} />}
      {create.isSuccess && <p role="status">{t('app.users.created', { email: create.data.email })}</p>}
    </form>
  );
}
