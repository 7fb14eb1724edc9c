import { useTranslation } from 'react-i18next';
import type { Role } from '../api/trpc';

/** The role as a coloured badge, with what it allows as tooltip. */
export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <span className={`sb-app-role sb-app-role--${role}`} title={t(`app.roles.${role}Description`)} data-testid="role-badge">
      {t(`app.roles.${role}`)}
    </span>
  );
}
