import { Logger, UnauthorizedException } from '@nestjs/common';
import type Redis from 'ioredis';
import type { PasswordHasher } from '../users/password.hasher';
import type { UserRow, UsersRepository } from '../users/users.repository';
import { FakeRedis } from '../testing/fake-redis';
import { LoginThrottle, TooManyLoginAttemptsException } from './login-throttle';
import { LoginService } from './login.service';
import { RegistryAuthConfig } from './registry-auth.config';
import type { SessionService } from './session.service';

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
    'findByUsername' | 'recordLoginFailure' | 'recordLoginSuccess' | 'replacePasswordHash',
    jest.Mock
  >;
  let hasher: Record<'verify' | 'verifyAgainstDummy' | 'needsRehash' | 'hash', jest.Mock>;
  let sessions: { start: jest.Mock };
  let login: LoginService;

  const attempt = (username: string, password: string, ip = '10.0.0.1') =>
    login.login({ username, password }, ip);
  const failureOf = (pending: Promise<unknown>) =>
    pending.then(
      () => null,
      (error: unknown) => error,
    );

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    user = row();
    users = {
      findByUsername: jest.fn(async (name: string) =>
        name.toLowerCase() === user.username ? user : null,
      ),
      recordLoginFailure: jest.fn(async (_id: string, lockedUntil: Date | null) => {
        user.failed_login_count++;
        if (lockedUntil) user.locked_until = lockedUntil;
      }),
      recordLoginSuccess: jest.fn(async () => undefined),
      replacePasswordHash: jest.fn(async () => undefined),
    };
    hasher = {
      verify: jest.fn(async (password: string) => password === RIGHT),
      verifyAgainstDummy: jest.fn(async () => false as const),
      needsRehash: jest.fn(() => false),
      hash: jest.fn(async () => 'stronger-hash'),
    };
    sessions = { start: jest.fn(async () => ({ accessToken: 'a', refreshToken: 'r' })) };
    const throttle = new LoginThrottle(
      new FakeRedis() as unknown as Redis,
      new RegistryAuthConfig(),
    );
    login = new LoginService(
      users as unknown as UsersRepository,
      hasher as unknown as PasswordHasher,
      throttle,
      sessions as unknown as SessionService,
    );
  });

  it('starts a session for the right password, whatever the case of the username', async () => {
    await expect(attempt('Alice', RIGHT)).resolves.toEqual({ accessToken: 'a', refreshToken: 'r' });
    expect(sessions.start).toHaveBeenCalledWith(user);
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
});
