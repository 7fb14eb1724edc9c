import type { ButtonHTMLAttributes } from 'react';
import type { Permission } from './can';
import { usePermission } from './usePermission';

interface GuardedButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  permission: Permission;
}

/**
 * A button that needs a permission. A user without it sees it disabled, with the reason as its tooltip and
 * accessible description; the server refuses the call anyway.
 */
export function GuardedButton({ permission, disabled, title, className, ...rest }: GuardedButtonProps) {
  const { allowed, reason } = usePermission(permission);
  return (
    <button
      type="button"
      {...rest}
      className={className ?? 'sb-app-button'}
      disabled={disabled || !allowed}
      title={allowed ? title : reason}
      data-permission-denied={allowed ? undefined : permission}
    />
  );
}
