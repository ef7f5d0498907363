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
import { RefreshErrors } from '@gt-vision/shared-types';

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
      session_started_at: token.sessionStartedAt,
      successor_sealed: null,
      ...this.user,
    });
  }
  async rotate(usedId: string, usedAt: Date, sealed: Buffer, next: NewRefreshToken) {
    const row = this.rows.find((r) => r.id === usedId);
    if (!row || row.used_at || row.revoked_at) return false;
    row.used_at = usedAt;
    row.successor_sealed = sealed;
    await this.insert(next);
    return true;
  }
  async findSession(familyId: string) {
    const open = this.rows.filter((r) => r.family_id === familyId && !r.revoked_at);
    if (open.length === 0) return null;
    return { started_at: open[0].session_started_at, last_refreshed_at: new Date() };
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
  issued: [] as { family: string; notAfter?: Date }[],
  async issue(user: SessionUser, family: string, _now?: Date, notAfter?: Date) {
    this.issued.push({ family, notAfter });
    return {
      token: `access:${user.id}:${family}:${this.issued.length}`,
      jti: 'jti-1',
      expiresAt: new Date(Date.now() + 900_000),
      expiresIn: 900,
    };
  },
};

const ALICE: SessionUser = { id: 'user-1', username: 'alice', role: 'operator' };
const DAY_MS = 86_400_000;

describe('SessionService', () => {
  let tokens: FakeRefreshTokens;
  let revocations: FakeRevocations;
  let config: RegistryAuthConfig;
  let sessions: SessionService;

  const refusal = async (attempt: Promise<unknown>) => {
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnauthorizedException);
    return (error as UnauthorizedException).message;
  };
  const later = (ms: number) => jest.setSystemTime(Date.now() + ms);

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-25T12:00:00Z') });
    tokens = new FakeRefreshTokens();
    revocations = new FakeRevocations();
    config = new RegistryAuthConfig();
    fakeIssuer.issued.length = 0;
    sessions = new SessionService(
      tokens as unknown as RefreshTokensRepository,
      fakeIssuer as unknown as AccessTokenIssuer,
      revocations as unknown as RevocationStore,
      config,
    );
  });
  afterEach(() => jest.useRealTimers());

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
    // The successor is kept only sealed, never in the clear.
    expect(tokens.rows[0].successor_sealed?.toString('latin1')).not.toContain(second.refreshToken);
    const third = await sessions.refresh(second.refreshToken);
    expect(third.accessToken).toMatch(`access:user-1:${tokens.rows[0].family_id}:`);
  });

  it('treats reuse of a rotated token after the grace window as theft: the family is revoked everywhere', async () => {
    const first = await sessions.start(ALICE);
    const second = await sessions.refresh(first.refreshToken);
    const family = tokens.rows[0].family_id;
    later(5_001);

    expect(await refusal(sessions.refresh(first.refreshToken))).toBe(RefreshErrors.reused);
    expect(tokens.rows.every((r) => r.revoked_at !== null)).toBe(true);
    expect(revocations.families).toEqual(new Set([family]));
    // The legitimate-looking successor is gone too: whoever holds it must log in again.
    expect(await refusal(sessions.refresh(second.refreshToken))).toBe(RefreshErrors.revoked);
  });

  it('keeps other families of the same user when one is revoked', async () => {
    const laptop = await sessions.start(ALICE);
    const phone = await sessions.start(ALICE);
    await sessions.refresh(laptop.refreshToken);
    later(10_000);
    await refusal(sessions.refresh(laptop.refreshToken));
    await sessions.refresh(phone.refreshToken);
  });

  describe('grace window (two tabs refreshing at once)', () => {
    it('answers the rotated token, within the window, with its successor and a new access token', async () => {
      const first = await sessions.start(ALICE);
      const tabA = await sessions.refresh(first.refreshToken);
      later(4_000);
      const tabB = await sessions.refresh(first.refreshToken);
      expect(tabB.refreshToken).toBe(tabA.refreshToken);
      expect(tabB.accessToken).not.toBe(tabA.accessToken);
      expect(tabB.refreshExpiresIn).toBe(604800 - 4);
      expect(revocations.families.size).toBe(0);
      expect(tokens.rows).toHaveLength(2);
      // One chain, one live token: the next refresh rotates as usual.
      await sessions.refresh(tabA.refreshToken);
    });

    it('lets two racing refreshes with one token both succeed with the same successor', async () => {
      const first = await sessions.start(ALICE);
      const [a, b] = await Promise.all([
        sessions.refresh(first.refreshToken),
        sessions.refresh(first.refreshToken),
      ]);
      expect(a.refreshToken).toBe(b.refreshToken);
      expect(tokens.rows).toHaveLength(2);
      expect(revocations.families.size).toBe(0);
    });

    it('still revokes the family for an older ancestor presented within the window', async () => {
      const first = await sessions.start(ALICE);
      const second = await sessions.refresh(first.refreshToken);
      await sessions.refresh(second.refreshToken);
      expect(await refusal(sessions.refresh(first.refreshToken))).toBe(RefreshErrors.reused);
      expect(revocations.families.size).toBe(1);
    });

    it('is off at 0 seconds: any reuse revokes the family', async () => {
      config.REFRESH_REUSE_GRACE_SECONDS = 0;
      const first = await sessions.start(ALICE);
      await sessions.refresh(first.refreshToken);
      later(1);
      expect(await refusal(sessions.refresh(first.refreshToken))).toBe(RefreshErrors.reused);
    });

    it('lets only one of two racing refreshes win when the window is off', async () => {
      config.REFRESH_REUSE_GRACE_SECONDS = 0;
      const first = await sessions.start(ALICE);
      const rotate = tokens.rotate.bind(tokens);
      // The other replica rotated the token between our read and our update.
      tokens.rotate = async (id, usedAt, sealed, next) => {
        tokens.rows[0].used_at = new Date(Date.now() - 1);
        return rotate(id, usedAt, sealed, next);
      };
      expect(await refusal(sessions.refresh(first.refreshToken))).toBe(RefreshErrors.reused);
      expect(revocations.families.size).toBe(1);
    });
  });

  describe('maximum session age', () => {
    it('ends a session 30 days after login however often it was refreshed', async () => {
      let pair = await sessions.start(ALICE);
      const end = new Date(Date.now() + 30 * DAY_MS);
      for (let day = 6; day < 30; day += 6) {
        later(6 * DAY_MS);
        pair = await sessions.refresh(pair.refreshToken);
      }
      // Refreshed on day 24: the new token lives 6 days, not 7, and access tokens stop at the end.
      expect(pair.refreshExpiresIn).toBe(6 * 86400);
      expect(fakeIssuer.issued.at(-1)?.notAfter).toEqual(end);
      expect(tokens.rows.at(-1)?.expires_at).toEqual(end);
      later(6 * DAY_MS - 1);
      pair = await sessions.refresh(pair.refreshToken);
      later(1);
      expect(await refusal(sessions.refresh(pair.refreshToken))).toBe(RefreshErrors.sessionExpired);
    });

    it('applies a lowered maximum to sessions that are already running', async () => {
      const pair = await sessions.start(ALICE);
      later(2 * DAY_MS);
      config.SESSION_MAX_AGE_SECONDS = 86400;
      expect(await refusal(sessions.refresh(pair.refreshToken))).toBe(RefreshErrors.sessionExpired);
      expect(revocations.families.size).toBe(0);
    });

    it('holds within the grace window too', async () => {
      config.SESSION_MAX_AGE_SECONDS = 3600;
      const first = await sessions.start(ALICE);
      later(3600_000 - 2_000);
      await sessions.refresh(first.refreshToken);
      later(3_000);
      expect(await refusal(sessions.refresh(first.refreshToken))).toBe(
        RefreshErrors.sessionExpired,
      );
    });
  });

  it('refuses unknown, expired and disabled-user refresh tokens', async () => {
    expect(await refusal(sessions.refresh('x'.repeat(43)))).toBe(RefreshErrors.invalid);
    const pair = await sessions.start(ALICE);
    tokens.user.disabled = true;
    expect(await refusal(sessions.refresh(pair.refreshToken))).toBe(RefreshErrors.accountDisabled);
    tokens.user.disabled = false;
    later(7 * DAY_MS);
    expect(await refusal(sessions.refresh(pair.refreshToken))).toBe(RefreshErrors.expired);
  });

  it('logs out: the family cannot refresh and its access tokens are revoked', async () => {
    const pair = await sessions.start(ALICE);
    const family = tokens.rows[0].family_id;
    const principal: Principal = { ...ALICE, kind: 'user', tokenId: 'jti-7', family };
    await sessions.logout(principal);
    expect(revocations.families.has(family)).toBe(true);
    expect(revocations.tokens.has('jti-7')).toBe(true);
    expect(await refusal(sessions.refresh(pair.refreshToken))).toBe(RefreshErrors.revoked);
  });

  it('refuses to log out an API key or the service identity', async () => {
    const key: Principal = { kind: 'api-key', id: 'k', name: 'n', role: 'integrator' };
    await expect(sessions.logout(key)).rejects.toThrow(/only a user session/);
  });

  it('describes an open session with the end of its lifetime, and nothing once it ended', async () => {
    const started = new Date();
    await sessions.start(ALICE);
    const family = tokens.rows[0].family_id;
    expect(await sessions.describe(family)).toMatchObject({
      started_at: started,
      expires_at: new Date(started.getTime() + 30 * DAY_MS),
    });
    await tokens.revokeFamily(family);
    expect(await sessions.describe(family)).toBeNull();
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
