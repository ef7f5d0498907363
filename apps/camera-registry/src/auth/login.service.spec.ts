import {
  BadRequestException,
  ForbiddenException,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import type { AuditLog } from '@gt-vision/backend-audit';
import type { Principal } from '@gt-vision/backend-auth';
import type Redis from 'ioredis';
import type { PasswordHasher } from '../users/password.hasher';
import type { UserRow, UsersRepository } from '../users/users.repository';
import { LoginThrottle, TooManyLoginAttemptsException } from './login-throttle';
import { LoginService } from './login.service';
import { RegistryAuthConfig } from './registry-auth.config';
import type { SessionService } from './session.service';

// The login throttle's limits count in memory, with the same library, instead of in Redis.
jest.mock('@gt-vision/backend-rate-limit', () => {
  const actual = jest.requireActual('@gt-vision/backend-rate-limit');
  return {
    ...actual,
    RedisRateLimit: jest.fn((_redis, options) => new actual.MemoryRateLimit(options)),
  };
});

const RIGHT = 'the right password';

const row = (overrides: Partial<UserRow> = {}): UserRow => ({
  id: 'user-1',
  username: 'alice',
  display_name: null,
  role: 'operator',
  password_hash: 'hash-of-right',
  disabled: false,
  failed_login_count: 0,
  locked_until: null,
  password_changed_at: new Date(),
  created_at: new Date(),
  updated_at: new Date(),
  ...overrides,
});

describe('LoginService', () => {
  let user: UserRow;
  let users: Record<
    | 'findByUsername'
    | 'findById'
    | 'recordLoginFailure'
    | 'recordLoginSuccess'
    | 'replacePasswordHash'
    | 'update',
    jest.Mock
  >;
  let hasher: Record<'verify' | 'verifyAgainstDummy' | 'needsRehash' | 'hash', jest.Mock>;
  let sessions: { start: jest.Mock; revokeUserSessions: jest.Mock };
  let login: LoginService;
  let audit: { append: jest.Mock };

  const attempt = (username: string, password: string, ip = '10.0.0.1') =>
    login.login({ username, password }, ip);
  const failureOf = (pending: Promise<unknown>) =>
    pending.then(
      () => null,
      (error: unknown) => error,
    );

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    audit = { append: jest.fn(async () => undefined) };
    user = row();
    users = {
      findByUsername: jest.fn(async (name: string) =>
        name.toLowerCase() === user.username ? user : null,
      ),
      recordLoginFailure: jest.fn(async (_id: string, lockedUntil: Date | null) => {
        user.failed_login_count++;
        if (lockedUntil) user.locked_until = lockedUntil;
      }),
      findById: jest.fn(async (id: string) => (id === user.id ? user : null)),
      recordLoginSuccess: jest.fn(async () => undefined),
      replacePasswordHash: jest.fn(async () => undefined),
      update: jest.fn(async (_id: string, changes: { passwordHash: string }) => ({
        before: user,
        after: { ...user, password_hash: changes.passwordHash },
      })),
    };
    hasher = {
      verify: jest.fn(async (password: string) => password === RIGHT),
      verifyAgainstDummy: jest.fn(async () => false as const),
      needsRehash: jest.fn(() => false),
      hash: jest.fn(async () => 'stronger-hash'),
    };
    sessions = {
      start: jest.fn(async () => ({ accessToken: 'a', refreshToken: 'r' })),
      revokeUserSessions: jest.fn(async () => undefined),
    };
    const throttle = new LoginThrottle({} as Redis, new RegistryAuthConfig());
    login = new LoginService(
      users as unknown as UsersRepository,
      hasher as unknown as PasswordHasher,
      throttle,
      sessions as unknown as SessionService,
      audit as unknown as AuditLog,
    );
  });

  it('starts a session for the right password, whatever the case of the username', async () => {
    await expect(attempt('Alice', RIGHT)).resolves.toEqual({ accessToken: 'a', refreshToken: 'r' });
    expect(sessions.start).toHaveBeenCalledWith(user);
  });

  it('records each success and failure in the audit trail, with the username tried', async () => {
    await attempt('Alice', RIGHT, '10.0.0.5');
    await failureOf(attempt('mallory', 'guess', '10.0.0.6'));
    expect(audit.append.mock.calls.map(([entry]) => entry)).toEqual([
      expect.objectContaining({
        action: 'auth.login',
        actor: { kind: 'user', id: user.id, name: user.username },
        sourceIp: '10.0.0.5',
      }),
      expect.objectContaining({
        action: 'auth.login-failed',
        actor: { kind: 'anonymous', id: null, name: 'mallory' },
        sourceIp: '10.0.0.6',
        details: { why: 'invalid username or password' },
      }),
    ]);
  });

  it('answers a wrong password and an unknown user the same way, after a real hash', async () => {
    const wrong = await failureOf(attempt('alice', 'not the password'));
    const unknown = await failureOf(attempt('mallory', RIGHT));
    expect(wrong).toEqual(new UnauthorizedException('invalid username or password'));
    expect(unknown).toEqual(wrong);
    expect(hasher.verifyAgainstDummy).toHaveBeenCalledWith(RIGHT);
    expect(sessions.start).not.toHaveBeenCalled();
  });

  it('locks the username out after five consecutive failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) await failureOf(attempt('alice', 'wrong', `10.0.0.${i}`));
    expect(user.failed_login_count).toBe(5);
    expect(user.locked_until).not.toBeNull();
    const locked = await failureOf(attempt('alice', RIGHT, '10.9.9.9'));
    expect(locked).toBeInstanceOf(TooManyLoginAttemptsException);
    expect((locked as TooManyLoginAttemptsException).getStatus()).toBe(429);
    expect((locked as TooManyLoginAttemptsException).retryAfterSeconds).toBe(900);
    expect(hasher.verify).toHaveBeenCalledTimes(5);
  });

  it('honours a lock-out recorded on the user row (e.g. after Redis restarted)', async () => {
    user.locked_until = new Date(Date.now() + 120_000);
    const locked = await failureOf(attempt('alice', RIGHT));
    expect((locked as TooManyLoginAttemptsException).retryAfterSeconds).toBe(120);
  });

  it('rate-limits per IP before spending a hash', async () => {
    for (let i = 0; i < 30; i++) await failureOf(attempt(`user${i}`, 'x', '10.1.1.1'));
    hasher.verifyAgainstDummy.mockClear();
    const limited = await failureOf(attempt('alice', RIGHT, '10.1.1.1'));
    expect(limited).toBeInstanceOf(TooManyLoginAttemptsException);
    expect(hasher.verify).not.toHaveBeenCalled();
  });

  it('tells a disabled user with the right password that the account is disabled', async () => {
    user.disabled = true;
    expect(await failureOf(attempt('alice', RIGHT))).toEqual(
      new UnauthorizedException('account disabled'),
    );
  });

  it('resets the failure count on success and upgrades an old hash', async () => {
    user.failed_login_count = 2;
    hasher.needsRehash.mockReturnValue(true);
    await attempt('alice', RIGHT);
    expect(users.recordLoginSuccess).toHaveBeenCalledWith('user-1');
    expect(users.replacePasswordHash).toHaveBeenCalledWith('user-1', 'stronger-hash');
  });

  describe('changePassword', () => {
    const ALICE: Principal = {
      kind: 'user',
      id: 'user-1',
      username: 'alice',
      role: 'operator',
      tokenId: 'jti-1',
      family: 'family-1',
    };
    const change = (
      currentPassword: string,
      newPassword = 'a brand new password',
      ip = '10.0.0.1',
    ) => login.changePassword(ALICE, { currentPassword, newPassword }, ip);
    const detailsOf = (error: unknown) =>
      ((error as BadRequestException).getResponse() as { details: unknown }).details;

    it('stores the new hash, ends every session of the user and starts a new one for the caller', async () => {
      await expect(change(RIGHT)).resolves.toEqual({ accessToken: 'a', refreshToken: 'r' });
      expect(hasher.hash).toHaveBeenCalledWith('a brand new password');
      expect(users.update).toHaveBeenCalledWith(
        'user-1',
        { passwordHash: 'stronger-hash' },
        expect.any(Function),
      );
      expect(sessions.revokeUserSessions).toHaveBeenCalledWith('user-1');
      expect(sessions.start).toHaveBeenCalledWith(
        expect.objectContaining({ id: 'user-1', password_hash: 'stronger-hash' }),
      );
      const revokedFirst = sessions.revokeUserSessions.mock.invocationCallOrder[0];
      expect(revokedFirst).toBeLessThan(sessions.start.mock.invocationCallOrder[0]);
    });

    it('answers a wrong current password with 400 naming the field, and changes nothing', async () => {
      const error = await failureOf(change('not the password'));
      expect(error).toBeInstanceOf(BadRequestException);
      expect(detailsOf(error)).toEqual([
        { field: 'currentPassword', problem: 'is not the current password' },
      ]);
      expect(users.update).not.toHaveBeenCalled();
      expect(sessions.revokeUserSessions).not.toHaveBeenCalled();
    });

    it('counts wrong current passwords towards the login lock-out', async () => {
      for (let i = 0; i < 5; i++) await failureOf(change('wrong', undefined, `10.0.0.${i}`));
      expect(user.locked_until).not.toBeNull();
      expect(await failureOf(change(RIGHT))).toBeInstanceOf(TooManyLoginAttemptsException);
      expect(await failureOf(attempt('alice', RIGHT))).toBeInstanceOf(
        TooManyLoginAttemptsException,
      );
    });

    it('refuses a new password equal to the current one before spending a hash', async () => {
      const error = await failureOf(change(RIGHT, RIGHT));
      expect(detailsOf(error)).toEqual([
        { field: 'newPassword', problem: 'must differ from the current password' },
      ]);
      expect(hasher.verify).not.toHaveBeenCalled();
    });

    it('is for users only', async () => {
      const key: Principal = { kind: 'api-key', id: 'k', name: 'n', role: 'operator' };
      const error = await failureOf(
        login.changePassword(
          key,
          { currentPassword: 'x', newPassword: 'y'.repeat(12) },
          '10.0.0.1',
        ),
      );
      expect(error).toBeInstanceOf(ForbiddenException);
    });

    it('answers 401 when the account is gone', async () => {
      users.findById.mockResolvedValueOnce(null);
      expect(await failureOf(change(RIGHT))).toEqual(new UnauthorizedException('session ended'));
    });
  });
});
