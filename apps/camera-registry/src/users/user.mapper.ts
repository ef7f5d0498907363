import type { UserResponseDto } from '@gt-vision/shared-types';
import type { UserRow } from './users.repository';

/** The API view of a user: everything but the password hash and the failure counter. */
export function mapUser(row: UserRow, now = new Date()): UserResponseDto {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled,
    lockedUntil: row.locked_until && row.locked_until > now ? row.locked_until.toISOString() : null,
    passwordChangedAt: row.password_changed_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
