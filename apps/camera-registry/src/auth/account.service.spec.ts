import { UnauthorizedException } from '@nestjs/common';
import type { Principal } from '@gt-vision/backend-auth';
import type { UserRow, UsersRepository } from '../users/users.repository';
import { AccountService } from './account.service';
import type { SessionService } from './session.service';

const AT = new Date('2026-11-25T12:00:00Z');
const USER: UserRow = {
  id: 'user-1',
  username: 'alice',
  display_name: 'Alice A.',
  role: 'operator',
  password_hash: '$scrypt$secret-hash',
  disabled: false,
  failed_login_count: 0,
  locked_until: null,
  password_changed_at: AT,
  created_at: AT,
  updated_at: AT,
};
const SESSION = {
  started_at: AT,
  last_refreshed_at: new Date('2026-11-25T12:15:00Z'),
  expires_at: new Date('2026-12-25T12:00:00Z'),
};
const ALICE: Principal = {
  kind: 'user',
  id: 'user-1',
  username: 'alice',
  role: 'operator',
  tokenId: 'jti-1',
  family: 'family-1',
};

describe('AccountService.me', () => {
  const users = { findById: jest.fn(async (): Promise<UserRow | null> => USER) };
  const sessions = { describe: jest.fn(async (): Promise<typeof SESSION | null> => SESSION) };
  const accounts = new AccountService(
    users as unknown as UsersRepository,
    sessions as unknown as SessionService,
  );

  it('tells a user who they are and about their session, without any secret', async () => {
    const me = await accounts.me(ALICE);
    expect(me).toEqual({
      kind: 'user',
      id: 'user-1',
      username: 'alice',
      displayName: 'Alice A.',
      role: 'operator',
      passwordChangedAt: '2026-11-25T12:00:00.000Z',
      session: {
        id: 'family-1',
        startedAt: '2026-11-25T12:00:00.000Z',
        lastRefreshedAt: '2026-11-25T12:15:00.000Z',
        expiresAt: '2026-12-25T12:00:00.000Z',
      },
    });
    expect(JSON.stringify(me)).not.toMatch(/scrypt|jti-1/);
    expect(sessions.describe).toHaveBeenCalledWith('family-1');
  });

  it('answers an API key with its own identity, and the service identity likewise', async () => {
    const key: Principal = {
      kind: 'api-key',
      id: 'key-1',
      name: 'lpr camera 7',
      role: 'integrator',
    };
    expect(await accounts.me(key)).toEqual({
      kind: 'api-key',
      id: 'key-1',
      name: 'lpr camera 7',
      role: 'integrator',
    });
    expect(await accounts.me({ kind: 'service', id: 'internal', role: 'service' })).toEqual({
      kind: 'service',
      id: 'internal',
      role: 'service',
    });
  });

  it('is 401 when the session or the user is gone', async () => {
    sessions.describe.mockResolvedValueOnce(null);
    await expect(accounts.me(ALICE)).rejects.toBeInstanceOf(UnauthorizedException);
    users.findById.mockResolvedValueOnce(null);
    await expect(accounts.me(ALICE)).rejects.toBeInstanceOf(UnauthorizedException);
  });
});
