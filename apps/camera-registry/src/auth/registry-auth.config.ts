import { EnvNumber } from '@gt-vision/backend-config';
import { IsP256KeyFile } from '@gt-vision/backend-auth';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

/** What only the registry needs: it signs tokens, keeps sessions and guards the login. */
export class RegistryAuthConfig {
  /** ES256 (P-256) private key; its public half is every service's JWT_PUBLIC_KEY_FILE. */
  @IsP256KeyFile('private')
  JWT_PRIVATE_KEY_FILE!: string;

  /** Short, because an access token is checked without a database: revocation is the safety net. */
  @EnvNumber()
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @EnvNumber()
  @IsInt()
  @Min(3600)
  @Max(30 * 86400)
  REFRESH_TOKEN_TTL_SECONDS = 7 * 86400;

  /**
   * Absolute lifetime of a session (a refresh-token family), however often it is refreshed: a stolen
   * refresh token kept alive by an attacker dies with it, and users re-enter their password monthly.
   */
  @EnvNumber()
  @IsInt()
  @Min(3600)
  @Max(365 * 86400)
  SESSION_MAX_AGE_SECONDS = 30 * 86400;

  /**
   * How long after a rotation the rotated token may be presented again without counting as theft:
   * two browser tabs refreshing at once. 0 turns the grace off. Kept short because a thief replaying
   * the token within it is not detected at once (see SessionService).
   */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(60)
  REFRESH_REUSE_GRACE_SECONDS = 5;

  /** Seconds between passes deleting expired and long-revoked refresh tokens. */
  @EnvNumber()
  @IsInt()
  @Min(60)
  @Max(86400)
  REFRESH_TOKEN_PRUNE_INTERVAL_SECONDS = 3600;

  /**
   * How long revoked refresh tokens are kept before pruning, so that a revoked session still answers
   * "revoked" (not "invalid") for a while and the revocation can be investigated.
   */
  @EnvNumber()
  @IsInt()
  @Min(0)
  @Max(30 * 86400)
  REFRESH_TOKEN_REVOKED_RETENTION_SECONDS = 86400;

  /** Password of the `admin` account created when no user exists; unset creates none. */
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  /** Login attempts per client IP per minute, successful or not (a control room shares one IP). */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_ATTEMPTS_PER_IP = 30;

  /** Login attempts per username per minute, whether or not the user exists. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_ATTEMPTS_PER_USERNAME = 10;

  /** Consecutive failed logins of one username that lock it out. */
  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_LOCKOUT_THRESHOLD = 5;

  @EnvNumber()
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCKOUT_SECONDS = 900;
}
