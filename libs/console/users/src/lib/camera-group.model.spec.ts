import type { CameraGrantResponseDto, CameraGroupResponseDto } from '@gt-vision/shared-types';
import {
  changedMembers,
  granteeKey,
  granteeName,
  NEW_GROUP,
  toCreateGrant,
  toCreateGroup,
  toGroupForm,
  toUpdateGroup,
} from './camera-group.model';

const GROUP: CameraGroupResponseDto = {
  id: '6f0c7c0e-1d7b-4c55-9a43-3d1c2b9e8a01',
  name: 'North gate',
  description: null,
  allCameras: false,
  cameraIds: [2, 7],
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
};

const grant = (fields: Partial<CameraGrantResponseDto>): CameraGrantResponseDto => ({
  id: 'g1',
  groupId: GROUP.id,
  userId: null,
  role: null,
  createdBy: 'admin',
  createdAt: '2026-12-01T00:00:00Z',
  ...fields,
});

describe('camera group model', () => {
  it('creates with trimmed text, sorted members, and no members for an all-cameras group', () => {
    expect(toCreateGroup({ ...NEW_GROUP, name: ' Gate ', cameraIds: [9, 3] })).toEqual({
      name: 'Gate',
      description: null,
      allCameras: false,
      cameraIds: [3, 9],
    });
    expect(toCreateGroup({ ...NEW_GROUP, name: 'All', allCameras: true, cameraIds: [3] })).toEqual({
      name: 'All',
      description: null,
      allCameras: true,
    });
  });

  it('updates only what changed, and the members only when they changed', () => {
    const unchanged = toGroupForm(GROUP);
    expect(toUpdateGroup(unchanged, GROUP)).toEqual({});
    expect(changedMembers({ ...unchanged, cameraIds: [7, 2] }, GROUP)).toBeNull();
    expect(changedMembers({ ...unchanged, cameraIds: [7] }, GROUP)).toEqual([7]);
    expect(changedMembers({ ...unchanged, allCameras: true, cameraIds: [] }, GROUP)).toBeNull();
    expect(
      toUpdateGroup(
        { ...unchanged, name: 'South', description: ' gate ', allCameras: true },
        GROUP,
      ),
    ).toEqual({ name: 'South', description: 'gate', allCameras: true });
  });

  it('names exactly one holder in a grant', () => {
    expect(toCreateGrant('g', 'user:0b6f1c9e-8f3e')).toEqual({
      groupId: 'g',
      userId: '0b6f1c9e-8f3e',
    });
    expect(toCreateGrant('g', 'role:viewer')).toEqual({ groupId: 'g', role: 'viewer' });
    // Nothing chosen: sent without a holder, so the API's 400 names the field.
    expect(JSON.parse(JSON.stringify(toCreateGrant('g', '')))).toEqual({ groupId: 'g' });
    expect(granteeKey(grant({ userId: 'u1' }))).toBe('user:u1');
    expect(granteeKey(grant({ role: 'operator' }))).toBe('role:operator');
  });

  it('shows a holder by username, or as a role in the page’s language', () => {
    const users = new Map([['u1', { username: 'ana' } as never]]);
    const i18n = {
      t: (key: string, params?: Record<string, string | number>) =>
        params ? `${key}(${params['role']})` : key,
    };
    expect(granteeName(grant({ userId: 'u1' }), users, i18n)).toBe('ana');
    expect(granteeName(grant({ role: 'viewer' }), users, i18n)).toBe(
      'access.roleGrantee(role.viewer)',
    );
  });
});
