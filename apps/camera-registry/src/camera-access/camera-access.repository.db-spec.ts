import { useTestDatabase } from '@gt-vision/backend-testing';
import { randomUUID } from 'node:crypto';
import { migrations } from '../migrations';
import { UsersRepository } from '../users/users.repository';
import {
  CameraAccessRepository,
  DuplicateGrantError,
  DuplicateGroupNameError,
  MissingReferenceError,
} from './camera-access.repository';
import { buildSnapshot } from './camera-access.snapshot';

const db = useTestDatabase({ schema: 'camera_registry', migrations });
const repository = () => new CameraAccessRepository(db().database);

let cameras: number[];
let userId: string;

beforeAll(async () => {
  const rows = await db().database.query<{ id: number }>(
    `INSERT INTO camera_registry.cameras (name, source_url)
     SELECT 'Access cam ' || n, 'rtsp://10.0.0.' || n || '/live' FROM generate_series(1, 3) n
     RETURNING id`,
  );
  cameras = rows.map((row) => row.id).sort((a, b) => a - b);
  const user = await new UsersRepository(db().database).insert({
    username: 'access-user',
    displayName: null,
    role: 'viewer',
    passwordHash: 'not-a-real-hash',
  });
  userId = user.id;
});

async function createGroup(name: string, cameraIds: number[] = [], allCameras = false) {
  const { result } = await repository().change(async (tx) => {
    const id = await repository().insertGroup(tx, { name, description: null, allCameras });
    await repository().setMembers(tx, id, cameraIds);
    return id;
  });
  return result;
}

describe('CameraAccessRepository on PostgreSQL', () => {
  it('is installed with "All cameras" granted to the operator and viewer roles', async () => {
    const { grants } = await repository().resolvedGrants();
    expect(grants.map((g) => [g.role, g.all_cameras]).sort()).toEqual([
      ['operator', true],
      ['viewer', true],
    ]);
    const [everything] = await repository().listGroups();
    expect(everything).toMatchObject({ name: 'All cameras', all_cameras: true, camera_ids: [] });
  });

  it('bumps the revision with every change, in the change’s transaction', async () => {
    const before = (await repository().resolvedGrants()).revision;
    const { revision } = await repository().change(async () => undefined);
    expect(revision).toBe(before + 1);
    await expect(
      repository().change(async () => {
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await repository().resolvedGrants()).revision).toBe(before + 1);
  });

  it('keeps a group’s members, replaces them, and refuses a camera that does not exist', async () => {
    const id = await createGroup('North site', [cameras[1], cameras[0]]);
    expect((await repository().findGroup(id))?.camera_ids).toEqual([cameras[0], cameras[1]]);
    await repository().change((tx) => repository().setMembers(tx, id, [cameras[2]]));
    expect((await repository().findGroup(id))?.camera_ids).toEqual([cameras[2]]);
    await expect(
      repository().change((tx) => repository().setMembers(tx, id, [2 ** 31 - 1])),
    ).rejects.toBeInstanceOf(MissingReferenceError);
    expect((await repository().findGroup(id))?.camera_ids).toEqual([cameras[2]]);
    await expect(createGroup('north SITE')).rejects.toBeInstanceOf(DuplicateGroupNameError);
  });

  it('resolves grants to cameras for the snapshot, per user and per role', async () => {
    const south = await createGroup('South site', [cameras[0], cameras[1]]);
    const { result: grant } = await repository().change((tx) =>
      repository().insertGrant(tx, { groupId: south, userId, role: null, by: 'admin' }),
    );
    expect(grant).toMatchObject({
      group_id: south,
      user_id: userId,
      role: null,
      created_by: 'admin',
    });
    await expect(
      repository().change((tx) =>
        repository().insertGrant(tx, { groupId: south, userId, role: null, by: 'admin' }),
      ),
    ).rejects.toBeInstanceOf(DuplicateGrantError);
    await expect(
      repository().change((tx) =>
        repository().insertGrant(tx, {
          groupId: south,
          userId: randomUUID(),
          role: null,
          by: 'admin',
        }),
      ),
    ).rejects.toBeInstanceOf(MissingReferenceError);

    const { revision, grants } = await repository().resolvedGrants();
    const snapshot = buildSnapshot(revision, grants);
    expect(snapshot.users[userId]).toEqual({ all: false, cameraIds: [cameras[0], cameras[1]] });
    expect(snapshot.roles).toEqual({
      operator: { all: true, cameraIds: [] },
      viewer: { all: true, cameraIds: [] },
    });
    expect(await repository().listGrants({ userId })).toHaveLength(1);

    // A deleted camera leaves the group; a deleted group takes its grants along.
    await db().database.execute('DELETE FROM camera_registry.cameras WHERE id = $1', [cameras[0]]);
    const after = buildSnapshot(0, (await repository().resolvedGrants()).grants);
    expect(after.users[userId]).toEqual({ all: false, cameraIds: [cameras[1]] });
    await repository().change((tx) => repository().deleteGroup(tx, south));
    expect(await repository().listGrants({ userId })).toEqual([]);
  });

  it('refuses a grant naming both a user and a role, or neither', async () => {
    const id = await createGroup('East site');
    await expect(
      repository().change((tx) =>
        repository().insertGrant(tx, { groupId: id, userId, role: 'viewer', by: 'admin' }),
      ),
    ).rejects.toThrow();
    await expect(
      repository().change((tx) =>
        repository().insertGrant(tx, { groupId: id, userId: null, role: null, by: 'admin' }),
      ),
    ).rejects.toThrow();
  });
  it('removes a camera from its groups and a user’s grants before their delete, moving the revision only if it had any', async () => {
    const [camera] = await db().database.query<{ id: number }>(
      `INSERT INTO camera_registry.cameras (name, source_url)
       VALUES ('Cascade cam', 'rtsp://10.0.0.9/live') RETURNING id`,
    );
    const user = await new UsersRepository(db().database).insert({
      username: 'cascade-user',
      displayName: null,
      role: 'viewer',
      passwordHash: 'not-a-real-hash',
    });
    const removeCamera = () =>
      db().database.transaction((tx) => repository().removeCameraFromGroups(tx, camera.id));
    const removeGrants = () =>
      db().database.transaction((tx) => repository().removeUserGrants(tx, user.id));
    expect(await removeCamera()).toBeNull();
    expect(await removeGrants()).toBeNull();

    const group = await createGroup('Cascade site', [camera.id, cameras[1]]);
    await repository().change((tx) =>
      repository().insertGrant(tx, { groupId: group, userId: user.id, role: null, by: 'admin' }),
    );
    const before = (await repository().resolvedGrants()).revision;
    expect(await removeCamera()).toBe(before + 1);
    expect((await repository().findGroup(group))?.camera_ids).toEqual([cameras[1]]);
    expect(await removeGrants()).toBe(before + 2);
    expect(await repository().listGrants({ userId: user.id })).toEqual([]);
    expect((await repository().resolvedGrants()).revision).toBe(before + 2);
  });
});
