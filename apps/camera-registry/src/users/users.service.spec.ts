import { ConflictException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { LoginThrottle } from '../auth/login-throttle';
import type { SessionService } from '../auth/session.service';
import type { Tx } from '@gt-vision/backend-database';
import { cameraAccessCascadesForTests } from '../testing/camera-access.fake';
import type { PasswordHasher } from './password.hasher';
import type { AdminGuard, NewUser, UserChanges, UserRow } from './users.repository';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const ADMIN_ID = '00000000-0000-4000-8000-000000000001';
const OPERATOR_ID = '00000000-0000-4000-8000-000000000002';

function user(id: string, username: string, role: UserRow['role']): UserRow {
  const at = new Date('2026-11-25T12:00:00Z');
  return {
    id,
    username,
    display_name: null,
    role,
    password_hash: 'secret-hash',
    disabled: false,
    failed_login_count: 0,
    locked_until: null,
    password_changed_at: at,
    created_at: at,
    updated_at: at,
  };
}

/** The users table in memory; the guard is called with the enabled admins, as the SQL does. */
class FakeUsers {
  rows = [user(ADMIN_ID, 'admin', 'admin'), user(OPERATOR_ID, 'olga', 'operator')];

  private admins() {
    return this.rows.filter((r) => r.role === 'admin' && !r.disabled).map((r) => r.id);
  }
  async list() {
    return this.rows;
  }
  async findById(id: string) {
    return this.rows.find((r) => r.id === id) ?? null;
  }
  async insert(input: NewUser) {
    if (this.rows.some((r) => r.username.toLowerCase() === input.username.toLowerCase())) {
      throw new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: '23505' }));
    }
    const row = {
      ...user(`id-${this.rows.length}`, input.username, input.role),
      password_hash: input.passwordHash,
    };
    this.rows.push(row);
    return row;
  }
  async update(id: string, changes: UserChanges, guard: AdminGuard) {
    const before = this.rows.find((r) => r.id === id);
    if (!before) return null;
    guard(before, this.admins());
    const after: UserRow = {
      ...before,
      display_name: changes.displayName === undefined ? before.display_name : changes.displayName,
      role: changes.role ?? before.role,
      disabled: changes.disabled ?? before.disabled,
      password_hash: changes.passwordHash ?? before.password_hash,
    };
    this.rows = this.rows.map((r) => (r.id === id ? after : r));
    return { before, after };
  }
  async delete<T>(id: string, guard: AdminGuard, cascade: (tx: Tx) => Promise<T>) {
    const before = this.rows.find((r) => r.id === id);
    if (!before) return null;
    guard(before, this.admins());
    const cascaded = await cascade({} as Tx);
    this.rows = this.rows.filter((r) => r.id !== id);
    return { before, cascaded };
  }
}

describe('UsersService', () => {
  let users: FakeUsers;
  let sessions: Record<'revokeUserSessions' | 'openFamiliesOf' | 'revokeAccessTokens', jest.Mock>;
  let throttle: { clear: jest.Mock };
  let service: UsersService;
  let cascades: ReturnType<typeof cameraAccessCascadesForTests>;

  beforeEach(() => {
    users = new FakeUsers();
    sessions = {
      revokeUserSessions: jest.fn(async () => undefined),
      openFamiliesOf: jest.fn(async () => ['family-1']),
      revokeAccessTokens: jest.fn(async () => undefined),
    };
    throttle = { clear: jest.fn(async () => undefined) };
    cascades = cameraAccessCascadesForTests({ granted: [OPERATOR_ID, ADMIN_ID] });
    const hasher = { hash: async (password: string) => `hashed:${password.length}` };
    service = new UsersService(
      users as unknown as UsersRepository,
      hasher as unknown as PasswordHasher,
      sessions as unknown as SessionService,
      throttle as unknown as LoginThrottle,
      cascades.cascades,
    );
  });

  it('never returns the password hash', async () => {
    const listed = await service.list();
    expect(JSON.stringify(listed)).not.toContain('secret-hash');
    expect(listed[0]).toEqual({
      id: ADMIN_ID,
      username: 'admin',
      displayName: null,
      role: 'admin',
      disabled: false,
      lockedUntil: null,
      passwordChangedAt: '2026-11-25T12:00:00.000Z',
      createdAt: '2026-11-25T12:00:00.000Z',
      updatedAt: '2026-11-25T12:00:00.000Z',
    });
  });

  it('creates a user with a hashed password and refuses a taken username in any case', async () => {
    const created = await service.create({
      username: 'vera',
      role: 'viewer',
      password: 'a'.repeat(12),
    });
    expect(created).toMatchObject({ username: 'vera', role: 'viewer' });
    expect(users.rows.at(-1)?.password_hash).toBe('hashed:12');
    await expect(
      service.create({ username: 'OLGA', role: 'viewer', password: 'a'.repeat(12) }),
    ).rejects.toEqual(new ConflictException('username "OLGA" is already taken'));
  });

  it('answers 404 for an unknown id', async () => {
    const unknown = '00000000-0000-4000-8000-00000000dead';
    await expect(service.get(unknown)).rejects.toBeInstanceOf(NotFoundException);
    await expect(service.update(unknown, { disabled: true })).rejects.toBeInstanceOf(
      NotFoundException,
    );
    await expect(service.delete(unknown)).rejects.toBeInstanceOf(NotFoundException);
  });

  it.each([
    ['deleted', (s: UsersService) => s.delete(ADMIN_ID)],
    ['disabled', (s: UsersService) => s.update(ADMIN_ID, { disabled: true })],
    ['demoted', (s: UsersService) => s.update(ADMIN_ID, { role: 'operator' })],
  ])('refuses with 409 that the last admin is %s', async (_, change) => {
    await expect(change(service)).rejects.toBeInstanceOf(ConflictException);
    expect(users.rows.find((r) => r.id === ADMIN_ID)).toMatchObject({
      role: 'admin',
      disabled: false,
    });
    expect(sessions.revokeUserSessions).not.toHaveBeenCalled();
    expect(sessions.revokeAccessTokens).not.toHaveBeenCalled();
  });

  it('lets an admin step down once another admin exists', async () => {
    await service.update(OPERATOR_ID, { role: 'admin' });
    await service.update(ADMIN_ID, { role: 'viewer' });
    await expect(service.delete(OPERATOR_ID)).rejects.toBeInstanceOf(ConflictException);
  });

  it.each([
    ['disabling', { disabled: true }],
    ['a new password', { password: 'n'.repeat(12) }],
    ['a role change', { role: 'viewer' as const }],
  ])('ends the sessions of a user on %s', async (_, dto) => {
    await service.update(OPERATOR_ID, dto);
    expect(sessions.revokeUserSessions).toHaveBeenCalledWith(OPERATOR_ID);
  });

  it('keeps the sessions on a display-name change', async () => {
    const updated = await service.update(OPERATOR_ID, { displayName: 'Olga P.' });
    expect(updated.displayName).toBe('Olga P.');
    expect(sessions.revokeUserSessions).not.toHaveBeenCalled();
  });

  it('lifts a lock-out when an admin sets a new password', async () => {
    await service.update(OPERATOR_ID, { password: 'n'.repeat(12) });
    expect(throttle.clear).toHaveBeenCalledWith('olga');
  });

  it('revokes the access tokens of a deleted user, using the families read before', async () => {
    await service.delete(OPERATOR_ID);
    expect(users.rows.map((r) => r.id)).toEqual([ADMIN_ID]);
    expect(sessions.revokeAccessTokens).toHaveBeenCalledWith(OPERATOR_ID, ['family-1']);
  });

  it('moves the access revision when a deleted user held grants, and announces it after the commit', async () => {
    await service.delete(OPERATOR_ID);
    expect(cascades.announced).toEqual([2]);
  });

  it('announces nothing when a delete is refused (the last admin)', async () => {
    await expect(service.delete(ADMIN_ID)).rejects.toBeInstanceOf(ConflictException);
    expect(cascades.announced).toEqual([]);
  });
});
