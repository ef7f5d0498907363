import { ForbiddenException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { CameraAccessSnapshot } from '@gt-vision/shared-types';
import { CameraAccess, scopedIds } from './camera-access';
import type { Principal } from './principal';

const user = (id: string, role: 'admin' | 'operator' | 'viewer'): Principal => ({
  kind: 'user',
  id,
  username: id,
  role,
  tokenId: 't',
  family: 'f',
});

const snapshot = (revision: number, fields: Partial<CameraAccessSnapshot> = {}) => ({
  version: 1 as const,
  revision,
  roles: { operator: { all: true, cameraIds: [] }, viewer: { all: false, cameraIds: [2, 1] } },
  users: { restricted: { all: false, cameraIds: [5] } },
  ...fields,
});

describe('CameraAccess', () => {
  it('answers 503 for restricted callers until the first snapshot, never for admins and services', () => {
    const access = new CameraAccess();
    expect(() => access.scopeOf(user('v', 'viewer'))).toThrow(ServiceUnavailableException);
    expect(access.scopeOf(user('a', 'admin'))).toEqual({ all: true });
    expect(access.scopeOf({ kind: 'service', id: 'internal', role: 'service' })).toEqual({
      all: true,
    });
  });

  it('judges a user by their own grants when they have any, else by their role’s', () => {
    const access = new CameraAccess();
    access.apply(snapshot(1));
    expect(access.scopeOf(user('o', 'operator'))).toEqual({ all: true });
    expect(scopedIds(access.scopeOf(user('v', 'viewer')))).toEqual([1, 2]);
    expect(scopedIds(access.scopeOf(user('restricted', 'operator')))).toEqual([5]);
    expect(access.allows(user('restricted', 'operator'), 1)).toBe(false);
    const key = { kind: 'api-key' as const, id: 'k', name: 'k', role: 'viewer' as const };
    expect(access.allows(key, 2)).toBe(true);
    expect(access.allows(key, 5)).toBe(false);
  });

  it('grants nothing to a role without a grant', () => {
    const access = new CameraAccess();
    access.apply(snapshot(1, { roles: {} }));
    expect(access.scopeOf(user('v', 'viewer'))).toEqual({ all: false, ids: new Set(), key: '' });
  });

  it('keeps the newer snapshot when an older one arrives late, and forgets scopes on a change', () => {
    const access = new CameraAccess();
    access.apply(snapshot(2));
    expect(access.allows(user('v', 'viewer'), 1)).toBe(true);
    expect(access.apply(snapshot(1, { roles: {} }))).toBe(false);
    expect(access.allows(user('v', 'viewer'), 1)).toBe(true);
    expect(access.apply(snapshot(3, { roles: {} }))).toBe(true);
    expect(access.allows(user('v', 'viewer'), 1)).toBe(false);
    expect(access.revision).toBe(3);
  });

  it('hides an ungranted camera’s resource as missing (404) and refuses a filter naming it (403)', () => {
    const access = new CameraAccess();
    access.apply(snapshot(1));
    const viewer = user('v', 'viewer');
    const missing = () => new NotFoundException('gone');
    expect(() => access.assertVisible(viewer, 9, missing)).toThrow(NotFoundException);
    expect(() => access.assertVisible(viewer, 1, missing)).not.toThrow();
    expect(() => access.assertFilterAllowed(viewer, 9)).toThrow(ForbiddenException);
    expect(() => access.assertFilterAllowed(viewer, undefined)).not.toThrow();
  });
});
