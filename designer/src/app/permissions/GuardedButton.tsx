import type { ButtonHTMLAttributes } from 'react';
import type { Permission } from './can';
import { usePermission } from './usePermission';

interface GuardedButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  permission: Permission;
  /**
   * What a user without the permission sees: the button disabled (default), or no button at all, only its
   * label as a muted note. Either way the reason is the tooltip; the server refuses the call anyway.
   */
  whenDenied?: 'disable' | 'note';
}

/** A button that needs a permission: disabled or replaced by a note, with the reason, for users without it. */
export function GuardedButton({ permission, whenDenied = 'disable', disabled, title, className, children, ...rest }: GuardedButtonProps) {
  const { allowed, reason } = usePermission(permission);
  if (!allowed && whenDenied === 'note') {
    return (
      <span className="sb-app-denied" title={reason} data-permission-denied={permission}>
        <span aria-hidden="true">🔒 </span>
        {children}
        <span className="sb-app-visually-hidden"> — {reason}</span>
      </span>
    );
  }
  return (
    <button type="button" {...rest} className={className ?? 'sb-app-button'} disabled={disabled || !allowed} title={allowed ? title : reason} data-permission-denied={allowed ? undefined : permission}>
      {children}
    </button>
  );
}
