import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../session/CurrentUserContext';
import { can, rolesWith, type Permission } from './can';

/** Whether the signed-in user holds `permission`, and if not, a sentence saying why a control is disabled. */
export function usePermission(permission: Permission): { allowed: boolean; reason: string | undefined } {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const allowed = can(user.role, permission);
  if (allowed) return { allowed, reason: undefined };
  const roles = rolesWith(permission).map((role) => t(`app.roles.${role}`));
  return {
    allowed,
    reason: t('app.permission.denied', { role: t(`app.roles.${user.role}`), action: t(`app.permission.actions.${permission}`), roles: roles.join(t('app.permission.or')) }),
  };
}
