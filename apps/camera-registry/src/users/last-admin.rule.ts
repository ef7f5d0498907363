import type { UserRole } from '@gt-vision/shared-types';

export type AdminAffectingChange = 'delete' | { role?: UserRole; disabled?: boolean };

/**
 * True when `change` to user `targetId` would leave no enabled admin, so nobody could administer
 * the system any more. Only an enabled admin's deletion, disabling or demotion can do that.
 */
export function removesLastAdmin(
  activeAdminIds: readonly string[],
  targetId: string,
  change: AdminAffectingChange,
): boolean {
  if (!activeAdminIds.includes(targetId)) return false;
  const staysAdmin =
    change !== 'delete' && (change.role ?? 'admin') === 'admin' && change.disabled !== true;
  return !staysAdmin && activeAdminIds.length <= 1;
}
