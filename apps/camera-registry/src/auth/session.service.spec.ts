import { Logger, UnauthorizedException } from '@nestjs/common';
import type { Principal, RevocationStore } from '@gt-vision/backend-auth';
import type { AccessTokenIssuer, SessionUser } from './access-token.issuer';
import type {
  NewRefreshToken,
  RefreshTokenRow,
  RefreshTokensRepository,
} from './refresh-tokens.repository';
import { RegistryAuthConfig } from './registry-auth.config';
import { hashRefreshToken, SessionService } from './session.service';

/** The refresh-token table in memory, with the same rules as the SQL (rotate is atomic). */
class FakeRefreshTokens {
  readonly rows: (RefreshTokenRow & { token_hash: string })[] = [];
  readonly user = { username: 'alice', role: 'operator' as const, disabled: false };
  private next = 0;

  async findByHash(hash: string) {
    const row = this.rows.find((r) => r.token_hash === hash);
    return row ? { ...row, ...this.user } : null;
  }
  async insert(token: NewRefreshToken) {
    this.rows.push({
      id: `rt-${++this.next}`,
      family_id: token.familyId,
      user_id: token.userId,
      token_hash: token.tokenHash,
      expires_at: token.expiresAt,
      used_at: null,
      revoked_at: null,
      ...this.user,
    });
  }
  async rotate(usedId: string, next: NewRefreshToken) {
    const row = this.rows.find((r) => r.id === usedId);
    if (!row || row.used_at || row.revoked_at) return false;
    row.used_at = new Date();
    await this.insert(next);
    return true;
  }
  async revokeFamily(familyId: string) {
    this.rows.filter((r) => r.family_id === familyId).forEach((r) => (r.revoked_at ??= new Date()));
  }
  async revokeAllOfUser(userId: string) {
    const open = this.rows.filter((r) => r.user_id === userId && !r.revoked_at);
    open.forEach((r) => (r.revoked_at = new Date()));
    return [...new Set(open.map((r) => r.family_id))];
  }
  async openFamiliesOf(userId: string) {
    return [
      ...new Set(
        this.rows.filter((r) => r.user_id === userId && !r.revoked_at).map((r) => r.family_id),
      ),
    ];
  }
}

/** Records what was revoked in the shared list. */
class FakeRevocations {
  readonly families = new Set<string>();
  readonly tokens = new Set<string>();
  readonly usersBefore = new Map<string, Date>();
  async revokeFamilies(families: string[]) {
    families.forEach((family) => this.families.add(family));
  }
  async revokeToken(jti: string) {
    this.tokens.add(jti);
  }
  async revokeUserTokensIssuedBefore(userId: string, at: Date) {
    this.usersBefore.set(userId, at);
  }
}

const fakeIssuer = {
  ttlSeconds: 900,
  issue: (user: SessionUser, family: string) => ({
    token: `access:${user.id}:${family}`,
    jti: 'jti-1',
    expiresAt: new Date(Date.now() + 900_000),
    expiresIn: 900,
  }),
};

const ALICE: SessionUser = { id: 'user-1', username: 'alice', role: 'operator' };

describe('SessionService', () => {
  let tokens: FakeRefreshTokens;
  let revocations: FakeRevocations;
  let sessions: SessionService;

  const refusal = async (attempt: Promise<unknown>) => {
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnauthorizedException);
    return (error as UnauthorizedException).message;
  };

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    tokens = new FakeRefreshTokens();
    revocations = new FakeRevocations();
    sessions = new SessionService(
      tokens as unknown as RefreshTokensRepository,
      fakeIssuer as unknown as AccessTokenIssuer,
      revocations as unknown as RevocationStore,
      new RegistryAuthConfig(),
    );
  });

  it('starts a session with a new family and stores only the hash of the refresh token', async () => {
    const pair = await sessions.start(ALICE);
    expect(pair).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 604800 });
    expect(pair.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.rows).toHaveLength(1);
    expect(tokens.rows[0].token_hash).toBe(hashRefreshToken(pair.refreshToken));
    expect(JSON.stringify(tokens.rows)).not.toContain(pair.refreshToken);
  });

  it('rotates: the presented token is used up and its successor joins the same family', async () => {
    const first = await sessions.start(ALICE);
    const second = await sessions.refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(tokens.rows.map((r) => r.family_id)).toEqual([
      tokens.rows[0].family_id,
      tokens.rows[0].family_id,
    ]);
    expect(tokens.rows[0].used_at).not.toBeNull();
    const third = await sessions.refresh(second.refreshToken);
    expect(third.accessToken).toBe(`access:user-1:${tokens.rows[0].family_id}`);
  });

  it('treats reuse of a rotated token as theft: the whole family is revoked everywhere', async () => {
    const first = await sessions.start(ALICE);
    const second = await sessions.refresh(first.refreshToken);
    const family = tokens.rows[0].family_id;

    expect(await refusal(sessions.refresh(first.refreshToken))).toMatch(/already used/);
    expect(tokens.rows.every((r) => r.revoked_at !== null)).toBe(true);
    expect(revocations.families).toEqual(new Set([family]));
    // The legitimate-looking successor is gone too: whoever holds it must log in again.
    expect(await refusal(sessions.refresh(second.refreshToken))).toBe('refresh token revoked');
  });

  it('keeps other families of the same user when one is revoked', async () => {
    const laptop = await sessions.start(ALICE);
    const phone = await sessions.start(ALICE);
    await sessions.refresh(laptop.refreshToken);
    await refusal(sessions.refresh(laptop.refreshToken));
    await sessions.refresh(phone.refreshToken);
  });

  it('lets only one of two racing refreshes with the same token win', async () => {
    const first = await sessions.start(ALICE);
    const rotate = tokens.rotate.bind(tokens);
    // The other replica rotated the token between our read and our update.
    tokens.rotate = async (id, next) => {
      tokens.rows[0].used_at = new Date();
      return rotate(id, next);
    };
    expect(await refusal(sessions.refresh(first.refreshToken))).toMatch(/already used/);
    expect(revocations.families.size).toBe(1);
  });

  it('refuses unknown, expired and disabled-user refresh tokens', async () => {
    expect(await refusal(sessions.refresh('x'.repeat(43)))).toBe('invalid refresh token');
    const pair = await sessions.start(ALICE);
    tokens.user.disabled = true;
    expect(await refusal(sessions.refresh(pair.refreshToken))).toBe('account disabled');
    tokens.user.disabled = false;
    tokens.rows[0].expires_at = new Date(Date.now() - 1000);
    expect(await refusal(sessions.refresh(pair.refreshToken))).toBe('refresh token expired');
  });

  it('logs out: the family cannot refresh and its access tokens are revoked', async () => {
    const pair = await sessions.start(ALICE);
    const family = tokens.rows[0].family_id;
    const principal: Principal = { ...ALICE, kind: 'user', tokenId: 'jti-7', family };
    await sessions.logout(principal);
    expect(revocations.families.has(family)).toBe(true);
    expect(revocations.tokens.has('jti-7')).toBe(true);
    expect(await refusal(sessions.refresh(pair.refreshToken))).toBe('refresh token revoked');
  });

  it('refuses to log out an API key or the service identity', async () => {
    const key: Principal = { kind: 'api-key', id: 'k', name: 'n', role: 'integrator' };
    await expect(sessions.logout(key)).rejects.toThrow(/only a user session/);
  });

  it('ends every session of a user, in the database and in the revocation list', async () => {
    await sessions.start(ALICE);
    await sessions.start(ALICE);
    await sessions.revokeUserSessions('user-1');
    expect(tokens.rows.every((r) => r.revoked_at !== null)).toBe(true);
    expect(revocations.families.size).toBe(2);
    expect(revocations.usersBefore.has('user-1')).toBe(true);
  });
});
