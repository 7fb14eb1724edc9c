import { PERMISSIONS, roleHasPermission, type Permission } from '../../../server/permissions';
import type { Role } from '../api/trpc';

export type { Permission };

/** The roles that hold a permission, in the server's own matrix (the server enforces the same one). */
export function rolesWith(permission: Permission): Role[] {
  return [...PERMISSIONS[permission].roles];
}

/** Whether `role` may use a control needing `permission`; the server refuses the call anyway if not. */
export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && roleHasPermission(role, permission);
}
