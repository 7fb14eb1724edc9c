import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROLES, useTRPC, type ApiOutputs, type Role } from '../api/trpc';
import { RoleBadge } from '../layout/RoleBadge';
import { DateTime } from '../ui/DateTime';
import { ErrorMessage } from '../ui/ErrorMessage';

type User = ApiOutputs['users']['list'][number];

/** A user with a role picker (the last admin cannot be demoted: the server refuses, and the reason shows). */
export function UserRow({ user }: { user: User }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }) }));
  return (
    <tr data-testid={`user-${user.email}`}>
      <td>{user.displayName}</td>
      <td>{user.email}</td>
      <td>
        <RoleBadge role={user.role} />
      </td>
      <td>
        <select
          className="sb-app-input sb-app-input--inline"
          aria-label={t('app.users.changeRole', { name: user.displayName })}
          value={user.role}
          disabled={setRole.isPending}
          onChange={(e) => setRole.mutate({ userId: user.id, role: e.target.value as Role })}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`app.roles.${role}`)}
            </option>
          ))}
        </select>
        {setRole.isError && <ErrorMessage error={setRole.error} />}
      </td>
      <td className="sb-app-muted">
        <DateTime value={user.createdAt} />
      </td>
    </tr>
  );
}
