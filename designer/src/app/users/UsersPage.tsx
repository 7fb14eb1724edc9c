import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc';
import { ErrorMessage } from '../ui/ErrorMessage';
import { CreateUserForm } from './CreateUserForm';
import { SignInThrottles } from './SignInThrottles';
import { UserRow } from './UserRow';

/** Users and their roles (admins only). */
export function UsersPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const users = useQuery(trpc.users.list.queryOptions());
  return (
    <main className="sb-app-page">
      <div className="sb-app-page__head">
        <h1>{t('app.users.title')}</h1>
      </div>
      <p className="sb-app-muted">{t('app.users.intro')}</p>
      {users.isError && <ErrorMessage error={users.error} />}
      {users.data && (
        <table className="sb-app-table">
          <thead>
            <tr>
              <th>{t('app.users.name')}</th>
              <th>{t('app.users.email')}</th>
              <th>{t('app.users.role')}</th>
              <th>{t('app.users.changeRoleColumn')}</th>
              <th>{t('app.users.since')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <UserRow key={user.id} user={user} />
            ))}
          </tbody>
        </table>
      )}
      <CreateUserForm />
      <SignInThrottles />
    </main>
  );
}
