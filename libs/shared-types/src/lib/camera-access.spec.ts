import {
  CameraGrantQueryDto,
  CreateCameraGrantDto,
  CreateCameraGroupDto,
  SetGroupCamerasDto,
  UpdateCameraGroupDto,
} from './camera-access';
import { checkDto as check } from './testing/check-dto';

const GROUP = '8b0f3c52-7f0e-4f64-9a55-0c1d2e3f4a5b';

describe('camera group DTOs', () => {
  it('accept a named group with cameras, trimming the name', () => {
    const { value, fields } = check(CreateCameraGroupDto, {
      name: '  North site ',
      description: 'Gates 1 to 4',
      cameraIds: [1, 4],
    });
    expect(fields).toEqual([]);
    expect((value as CreateCameraGroupDto).name).toBe('North site');
    expect(check(CreateCameraGroupDto, { name: 'All', allCameras: true }).fields).toEqual([]);
  });

  it('refuse a missing or blank name, control characters, and bad camera lists', () => {
    expect(check(CreateCameraGroupDto, {}).fields).toEqual(['name']);
    expect(check(CreateCameraGroupDto, { name: '   ' }).fields).toEqual(['name']);
    expect(check(CreateCameraGroupDto, { name: 'a\u0000b' }).fields).toEqual(['name']);
    for (const cameraIds of [[0], [1, 1], ['1'], [1.5], null, 3]) {
      expect(check(CreateCameraGroupDto, { name: 'x', cameraIds }).fields).toEqual(['cameraIds']);
    }
    expect(check(SetGroupCamerasDto, {}).fields).toEqual(['cameraIds']);
    expect(check(SetGroupCamerasDto, { cameraIds: [] }).fields).toEqual([]);
  });

  it('change only what is sent; null clears the description only', () => {
    expect(check(UpdateCameraGroupDto, {}).fields).toEqual([]);
    expect(check(UpdateCameraGroupDto, { description: null }).fields).toEqual([]);
    expect(check(UpdateCameraGroupDto, { name: null }).fields).toEqual(['name']);
    expect(check(UpdateCameraGroupDto, { allCameras: null }).fields).toEqual(['allCameras']);
  });
});

describe('camera grant DTOs', () => {
  it('name a group and a user or a grantable role', () => {
    expect(check(CreateCameraGrantDto, { groupId: GROUP, role: 'viewer' }).fields).toEqual([]);
    expect(check(CreateCameraGrantDto, { groupId: GROUP, userId: GROUP }).fields).toEqual([]);
    expect(check(CreateCameraGrantDto, { groupId: 'x', role: 'admin' }).fields).toEqual([
      'groupId',
      'role',
    ]);
    expect(check(CameraGrantQueryDto, { role: 'integrator' }).fields).toEqual(['role']);
  });
});
