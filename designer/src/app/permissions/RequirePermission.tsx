import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from './can';
import { usePermission } from './usePermission';

/** Shows `children` only to users holding `permission`; others read why the page is not for them. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const { allowed, reason } = usePermission(permission);
  if (allowed) return <>{children}</>;
  return (
    <main className="sb-app-page">
      <h1>{t('app.permission.pageTitle')}</h1>
      <p role="alert">{reason}</p>
    </main>
  );
}
