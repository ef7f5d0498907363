import { buildSnapshot } from './camera-access.snapshot';

const grant = (fields: {
  user_id?: string;
  role?: 'operator' | 'viewer';
  all_cameras?: boolean;
  camera_ids?: number[];
}) => ({
  user_id: fields.user_id ?? null,
  role: fields.role ?? null,
  all_cameras: fields.all_cameras ?? false,
  camera_ids: fields.camera_ids ?? [],
});

describe('buildSnapshot', () => {
  it('unites the groups granted to each user and each role', () => {
    const snapshot = buildSnapshot(7, [
      grant({ user_id: 'u1', camera_ids: [3, 1] }),
      grant({ user_id: 'u1', camera_ids: [2, 3] }),
      grant({ role: 'viewer', camera_ids: [9] }),
      grant({ role: 'operator', all_cameras: true }),
      grant({ role: 'operator', camera_ids: [4] }),
    ]);
    expect(snapshot).toEqual({
      version: 1,
      revision: 7,
      roles: {
        viewer: { all: false, cameraIds: [9] },
        operator: { all: true, cameraIds: [] },
      },
      users: { u1: { all: false, cameraIds: [1, 2, 3] } },
    });
  });

  it('is empty without grants: nobody but admins sees a camera', () => {
    expect(buildSnapshot(1, [])).toEqual({ version: 1, revision: 1, roles: {}, users: {} });
  });
});
