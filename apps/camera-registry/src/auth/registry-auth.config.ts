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
