import {
  CAMERA_ACCESS_MESSAGES_VERSION,
  type CameraAccessSnapshot,
  type CameraScopeV1,
} from '@gt-vision/shared-types';
import type { ResolvedGrantRow } from './camera-access.repository';

function merge(scope: CameraScopeV1 | undefined, grant: ResolvedGrantRow): CameraScopeV1 {
  if (scope?.all || grant.all_cameras) return { all: true, cameraIds: [] };
  const ids = new Set([...(scope?.cameraIds ?? []), ...grant.camera_ids]);
  return { all: false, cameraIds: [...ids].sort((a, b) => a - b) };
}

/**
 * The union of each holder's grants: per user (own grants) and per role. A user with own grants is
 * judged by those alone (CameraAccess), which is how one user is restricted within a role.
 */
export function buildSnapshot(
  revision: number,
  grants: readonly ResolvedGrantRow[],
): CameraAccessSnapshot {
  const snapshot: CameraAccessSnapshot = {
    version: CAMERA_ACCESS_MESSAGES_VERSION,
    revision,
    roles: {},
    users: {},
  };
  for (const grant of grants) {
    if (grant.user_id !== null) {
      snapshot.users[grant.user_id] = merge(snapshot.users[grant.user_id], grant);
    } else if (grant.role !== null) {
      snapshot.roles[grant.role] = merge(snapshot.roles[grant.role], grant);
    }
  }
  return snapshot;
}
