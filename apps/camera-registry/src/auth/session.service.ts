import {
  BadRequestException,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { RevocationStore, type Principal } from '@gt-vision/backend-auth';
import { RefreshErrors, type TokenPairResponseDto } from '@gt-vision/shared-types';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AccessTokenIssuer, type SessionUser } from './access-token.issuer';
import {
  RefreshTokensRepository,
  type NewRefreshToken,
  type RefreshTokenRow,
  type SessionRow,
} from './refresh-tokens.repository';
import { RegistryAuthConfig } from './registry-auth.config';
import { openSuccessor, sealSuccessor } from './successor-seal';

const REFRESH_TOKEN_BYTES = 32;

/** Refresh tokens are 256 random bits, so a fast hash is enough to make the stored value useless. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sessions: a login starts a refresh-token family; each refresh rotates the token within it. A
 * rotated token presented again means it was copied, so the whole family is revoked, in the
 * database (no more refreshes) and in the shared revocation list (its access tokens stop working).
 * A family ends SESSION_MAX_AGE_SECONDS after the login however often it is refreshed.
 *
 * Two tabs of one browser share the refresh token and refresh together when the access token runs
 * out; the slower one presents a token the faster one has just rotated. Within
 * REFRESH_REUSE_GRACE_SECONDS of the rotation, a token whose successor is still the family's current
 * token is answered with that same successor (and a new access token) instead of revoking the family.
 * Same successor, not a new sibling: the family stays one chain with one live refresh token, so if
 * the replay came from a thief, thief and owner now hold the same token and the next rotation by
 * either makes the other's presentation a reuse, which revokes the family; a sibling would have
 * given the thief a branch of their own, never detected. The successor is stored sealed with a key
 * derived from the rotated token (successor-seal.ts), so the database alone cannot open it. Outside
 * the window, or for an older ancestor, reuse revokes the family as before.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);

  constructor(
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly revocations: RevocationStore,
    private readonly config: RegistryAuthConfig,
  ) {}

  async start(user: SessionUser): Promise<TokenPairResponseDto> {
    const family = randomUUID();
    const refresh = this.newRefreshToken(user.id, family, new Date());
    await this.refreshTokens.insert(refresh.row);
    return this.pair(user, family, refresh.token, refresh.row);
  }

  async refresh(presented: string): Promise<TokenPairResponseDto> {
    const hash = hashRefreshToken(presented);
    let row = await this.found(await this.refreshTokens.findByHash(hash));
    if (!row.used_at) {
      this.assertUsable(row);
      const now = new Date();
      const next = this.newRefreshToken(row.user_id, row.family_id, row.session_started_at);
      const sealed = sealSuccessor(presented, next.token);
      if (await this.refreshTokens.rotate(row.id, now, sealed, next.row)) {
        return this.pair(userOf(row), row.family_id, next.token, next.row);
      }
      // Another request rotated (or revoked) it between our read and our update: judge it as used.
      row = await this.found(await this.refreshTokens.findByHash(hash));
    }
    return this.presentedAgain(row, presented);
  }

  /** Ends the caller's session: its refresh family and, at once, its current access token. */
  async logout(principal: Principal): Promise<void> {
    if (principal.kind !== 'user') {
      throw new BadRequestException(
        'only a user session can log out; API keys are revoked instead',
      );
    }
    await this.refreshTokens.revokeFamily(principal.family);
    await this.shared(async (until) => {
      await this.revocations.revokeFamilies([principal.family], until);
      await this.revocations.revokeToken(principal.tokenId, until);
    });
  }

  /** The open session `family`, or null once it was revoked. */
  async describe(family: string): Promise<(SessionRow & { expires_at: Date }) | null> {
    const session = await this.refreshTokens.findSession(family);
    return session && { ...session, expires_at: this.sessionEnd(session.started_at) };
  }

  /** Ends every session of a user (disabled, demoted, new password). */
  async revokeUserSessions(userId: string): Promise<void> {
    const families = await this.refreshTokens.revokeAllOfUser(userId);
    await this.revokeAccessTokens(userId, families);
  }

  /** The families whose access tokens must be revoked once the user's rows are gone. */
  openFamiliesOf(userId: string): Promise<string[]> {
    return this.refreshTokens.openFamiliesOf(userId);
  }

  /** Stops the user's access tokens everywhere, e.g. after the user and their tokens were deleted. */
  async revokeAccessTokens(userId: string, families: readonly string[]): Promise<void> {
    await this.shared(async (until, now) => {
      await this.revocations.revokeFamilies(families, until);
      // Also catches a token issued between reading the families and now.
      await this.revocations.revokeUserTokensIssuedBefore(userId, now, until);
    });
  }

  private found(row: RefreshTokenRow | null): RefreshTokenRow {
    if (!row) throw new UnauthorizedException(RefreshErrors.invalid);
    if (row.revoked_at) throw new UnauthorizedException(RefreshErrors.revoked);
    return row;
  }

  /** Whether `row` may still yield tokens; used and revoked tokens are judged before this. */
  private assertUsable(row: RefreshTokenRow, now = new Date()): void {
    if (this.sessionEnd(row.session_started_at) <= now) {
      throw new UnauthorizedException(RefreshErrors.sessionExpired);
    }
    if (row.expires_at <= now) throw new UnauthorizedException(RefreshErrors.expired);
    if (row.disabled) throw new UnauthorizedException(RefreshErrors.accountDisabled);
  }

  /** A rotated token again: the grace window's concurrent refresh, or else a copy — see above. */
  private async presentedAgain(row: RefreshTokenRow, presented: string) {
    const sealed = this.withinGrace(row) ? row.successor_sealed : null;
    const successor = sealed && openSuccessor(presented, sealed);
    const current = successor
      ? await this.refreshTokens.findByHash(hashRefreshToken(successor))
      : null;
    if (!successor || !current || current.family_id !== row.family_id) {
      return this.reuseDetected(row);
    }
    if (current.revoked_at) throw new UnauthorizedException(RefreshErrors.revoked);
    // The successor was rotated too: `row` is an older ancestor now, not the current's predecessor.
    if (current.used_at) return this.reuseDetected(row);
    this.assertUsable(current);
    this.logger.log(
      `rotated refresh token of family ${row.family_id} presented again within the grace window`,
    );
    return this.pair(userOf(current), current.family_id, successor, {
      expiresAt: current.expires_at,
      sessionStartedAt: current.session_started_at,
    });
  }

  private withinGrace(row: RefreshTokenRow): boolean {
    const graceMs = this.config.REFRESH_REUSE_GRACE_SECONDS * 1000;
    return row.used_at !== null && Date.now() - row.used_at.getTime() <= graceMs;
  }

  private async reuseDetected(row: RefreshTokenRow): Promise<never> {
    this.logger.warn(
      `refresh token reused in family ${row.family_id} of user ${row.user_id}: family revoked`,
    );
    await this.refreshTokens.revokeFamily(row.family_id);
    await this.shared((until) => this.revocations.revokeFamilies([row.family_id], until));
    throw new UnauthorizedException(RefreshErrors.reused);
  }

  /** Runs a revocation-list update with the horizon by which every current access token expires. */
  private async shared(update: (until: Date, now: Date) => Promise<void>): Promise<void> {
    const now = new Date();
    const until = new Date(now.getTime() + this.accessTokens.ttlSeconds * 1000);
    try {
      await update(until, now);
    } catch (error) {
      this.logger.error(`revocation list update failed: ${(error as Error).message}`);
      throw new ServiceUnavailableException('could not revoke the session everywhere; retry');
    }
  }

  private sessionEnd(startedAt: Date): Date {
    return new Date(startedAt.getTime() + this.config.SESSION_MAX_AGE_SECONDS * 1000);
  }

  /** A refresh token lives REFRESH_TOKEN_TTL_SECONDS, but never past the end of its session. */
  private newRefreshToken(userId: string, familyId: string, sessionStartedAt: Date) {
    const token = randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
    const ttlEnd = Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000;
    const expiresAt = new Date(Math.min(ttlEnd, this.sessionEnd(sessionStartedAt).getTime()));
    const row: NewRefreshToken = {
      familyId,
      userId,
      tokenHash: hashRefreshToken(token),
      expiresAt,
      sessionStartedAt,
    };
    return { token, row };
  }

  private async pair(
    user: SessionUser,
    family: string,
    refreshToken: string,
    refresh: Pick<NewRefreshToken, 'expiresAt' | 'sessionStartedAt'>,
  ): Promise<TokenPairResponseDto> {
    const now = new Date();
    const end = this.sessionEnd(refresh.sessionStartedAt);
    const access = await this.accessTokens.issue(user, family, now, end);
    return {
      accessToken: access.token,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      refreshExpiresIn: Math.max(
        0,
        Math.round((refresh.expiresAt.getTime() - now.getTime()) / 1000),
      ),
    };
  }
}

function userOf(row: RefreshTokenRow): SessionUser {
  return { id: row.user_id, username: row.username, role: row.role };
}
