import { CameraAccess } from '@gt-vision/backend-auth';
import type { Tx } from '@gt-vision/backend-database';
import type { CameraAccessSnapshot } from '@gt-vision/shared-types';
import { CameraAccessCascades } from '../camera-access/camera-access.cascades';
import type { CameraAccessRepository } from '../camera-access/camera-access.repository';

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

/**
 * CameraAccessCascades over a stand-in repository: deleting one of `inGroups` (cameras) or `granted`
 * (users) moves the revision; `announced` lists the revisions announced after the commit.
 */
export function cameraAccessCascadesForTests(
  moves: { inGroups?: number[]; granted?: string[] } = {},
) {
  let revision = 1;
  const repository = {
    removeCameraFromGroups: async (_tx: Tx, id: number) =>
      moves.inGroups?.includes(id) ? ++revision : null,
    removeUserGrants: async (_tx: Tx, id: string) =>
      moves.granted?.includes(id) ? ++revision : null,
  };
  const cascades = new CameraAccessCascades(repository as unknown as CameraAccessRepository);
  const announced: number[] = [];
  cascades.announceWith(async (r) => void announced.push(r));
  return { cascades, announced };
}
