import { CameraAccess } from '@gt-vision/backend-auth';
import type { CameraAccessSnapshot } from '@gt-vision/shared-types';

/** As installed: the operator and viewer roles hold "All cameras", no user has grants of their own. */
export const INSTALLED_ACCESS: CameraAccessSnapshot = {
  version: 1,
  revision: 1,
  roles: { operator: { all: true, cameraIds: [] }, viewer: { all: true, cameraIds: [] } },
  users: {},
};

/** Permissions already loaded, as CameraAccessSync leaves them. */
export function cameraAccessForTests(snapshot = INSTALLED_ACCESS): CameraAccess {
  const access = new CameraAccess();
  access.apply(snapshot);
  return access;
}
