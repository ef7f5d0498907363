import { roleKey, type I18nService } from '@gt-vision/console/i18n';
import type {
  CameraGrantResponseDto,
  CameraGroupResponseDto,
  CreateCameraGrantDto,
  CreateCameraGroupDto,
  GrantableRole,
  UpdateCameraGroupDto,
  UserResponseDto,
} from '@gt-vision/shared-types';

/** What the group form edits, as typed. */
export interface CameraGroupFormValue {
  name: string;
  description: string;
  allCameras: boolean;
  cameraIds: readonly number[];
}

export const NEW_GROUP: CameraGroupFormValue = {
  name: '',
  description: '',
  allCameras: false,
  cameraIds: [],
};

export function toGroupForm(group: CameraGroupResponseDto | null): CameraGroupFormValue {
  if (!group) return { ...NEW_GROUP };
  return {
    name: group.name,
    description: group.description ?? '',
    allCameras: group.allCameras,
    cameraIds: group.cameraIds,
  };
}

const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

/** The request body; validation is the API's, whose answers are shown beside each field. */
export function toCreateGroup(value: CameraGroupFormValue): CreateCameraGroupDto {
  return {
    name: value.name.trim(),
    description: value.description.trim() || null,
    allCameras: value.allCameras,
    // An all-cameras group ignores members: none are sent rather than a stale selection.
    ...(!value.allCameras && { cameraIds: sorted(value.cameraIds) }),
  };
}

/** Only the fields that changed (`PATCH`); members go separately (`PUT …/cameras`). */
export function toUpdateGroup(
  value: CameraGroupFormValue,
  original: CameraGroupResponseDto,
): UpdateCameraGroupDto {
  const update: UpdateCameraGroupDto = {};
  const name = value.name.trim();
  const description = value.description.trim() || null;
  if (name !== original.name) update.name = name;
  if (description !== original.description) update.description = description;
  if (value.allCameras !== original.allCameras) update.allCameras = value.allCameras;
  return update;
}

/** The new member list when the explicit members changed; null to leave them as they are. */
export function changedMembers(
  value: CameraGroupFormValue,
  original: CameraGroupResponseDto,
): number[] | null {
  if (value.allCameras) return null;
  const next = sorted(value.cameraIds);
  const before = sorted(original.cameraIds);
  const same = next.length === before.length && next.every((id, i) => id === before[i]);
  return same ? null : next;
}

/**
 * Who a grant is for, as one `<select>` value: `user:<id>` or `role:<role>` (a grant names exactly
 * one of them).
 */
export type GranteeKey = `user:${string}` | `role:${GrantableRole}`;

export function granteeKey(grant: Pick<CameraGrantResponseDto, 'userId' | 'role'>): GranteeKey {
  return grant.userId ? `user:${grant.userId}` : `role:${grant.role as GrantableRole}`;
}

export function toCreateGrant(groupId: string, key: GranteeKey | ''): CreateCameraGrantDto {
  const [kind, id] = key.split(/:(.*)/s);
  if (kind === 'user') return { groupId, userId: id };
  // An empty choice is sent as is, so that the API's own 400 names the field.
  return { groupId, role: id as GrantableRole };
}

/** How a grant's holder is shown: the username, or "every <role>…" in the page's language. */
export function granteeName(
  grant: CameraGrantResponseDto,
  users: ReadonlyMap<string, UserResponseDto>,
  i18n: Pick<I18nService, 't'>,
): string {
  if (grant.role) return i18n.t('access.roleGrantee', { role: i18n.t(roleKey(grant.role)) });
  return (grant.userId && users.get(grant.userId)?.username) || String(grant.userId);
}
