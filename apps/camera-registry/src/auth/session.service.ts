import {
  BadRequestException,
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { RevocationStore, type Principal } from '@gt-vision/backend-auth';
import type { TokenPairResponseDto } from '@gt-vision/shared-types';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AccessTokenIssuer, type SessionUser } from './access-token.issuer';
import {
  RefreshTokensRepository,
  type NewRefreshToken,
  type RefreshTokenRow,
} from './refresh-tokens.repository';
import { RegistryAuthConfig } from './registry-auth.config';

const REFRESH_TOKEN_BYTES = 32;

/** Refresh tokens are 256 random bits, so a fast hash is enough to make the stored value useless. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sessions: a login starts a refresh-token family; each refresh rotates the token within it. A
 * rotated token presented again means it was copied, so the whole family is revoked, in the
 * database (no more refreshes) and in the shared revocation list (its access tokens stop working).
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
    const refresh = this.newRefreshToken(user.id, family);
    await this.refreshTokens.insert(refresh.row);
    return this.pair(user, family, refresh.token);
  }

  async refresh(presented: string): Promise<TokenPairResponseDto> {
    const row = await this.refreshTokens.findByHash(hashRefreshToken(presented));
    if (!row) throw new UnauthorizedException('invalid refresh token');
    if (row.revoked_at) throw new UnauthorizedException('refresh token revoked');
    if (row.used_at) return this.reuseDetected(row);
    if (row.expires_at <= new Date()) throw new UnauthorizedException('refresh token expired');
    if (row.disabled) throw new UnauthorizedException('account disabled');
    const next = this.newRefreshToken(row.user_id, row.family_id);
    if (!(await this.refreshTokens.rotate(row.id, next.row))) return this.reuseDetected(row);
    const user = { id: row.user_id, username: row.username, role: row.role };
    return this.pair(user, row.family_id, next.token);
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

  private async reuseDetected(row: RefreshTokenRow): Promise<never> {
    this.logger.warn(
      `refresh token reused in family ${row.family_id} of user ${row.user_id}: family revoked`,
    );
    await this.refreshTokens.revokeFamily(row.family_id);
    await this.shared((until) => this.revocations.revokeFamilies([row.family_id], until));
    throw new UnauthorizedException(
      'refresh token already used; every token of this session has been revoked',
    );
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

  private newRefreshToken(userId: string, familyId: string) {
    const token = randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000);
    const row: NewRefreshToken = {
      familyId,
      userId,
      tokenHash: hashRefreshToken(token),
      expiresAt,
    };
    return { token, row };
  }

  private pair(user: SessionUser, family: string, refreshToken: string): TokenPairResponseDto {
    const access = this.accessTokens.issue(user, family);
    return {
      accessToken: access.token,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      refreshExpiresIn: this.config.REFRESH_TOKEN_TTL_SECONDS,
    };
  }
}
