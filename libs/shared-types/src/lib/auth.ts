import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** Who may do what. `integrator` is for machine clients (API keys) that push detections. */
export const Roles = {
  admin: 'admin',
  operator: 'operator',
  viewer: 'viewer',
  integrator: 'integrator',
} as const;
export type Role = (typeof Roles)[keyof typeof Roles];

/** Roles a human user account can have; `integrator` belongs to API keys only. */
export const USER_ROLES = [Roles.admin, Roles.operator, Roles.viewer] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Roles an API key can have: never admin, so a leaked machine key cannot administer the system. */
export const API_KEY_ROLES = [Roles.integrator, Roles.operator, Roles.viewer] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** Upper bound on any password we hash: the hash's cost must not grow with the caller's input. */
export const PASSWORD_MAX_LENGTH = 256;

export class LoginRequestDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class RefreshRequestDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  refreshToken!: string;
}

/** Answer to login and refresh. `expiresIn` and `refreshExpiresIn` are seconds from now. */
export class TokenPairResponseDto {
  accessToken!: string;
  refreshToken!: string;
  tokenType!: 'Bearer';
  expiresIn!: number;
  refreshExpiresIn!: number;
}

/** Messages of the 401 answers to a refresh: stable, so that clients can tell them apart. */
export const RefreshErrors = {
  invalid: 'invalid refresh token',
  revoked: 'refresh token revoked',
  reused: 'refresh token already used; every token of this session has been revoked',
  expired: 'refresh token expired',
  /** The session reached its absolute lifetime (SESSION_MAX_AGE_SECONDS), however often refreshed. */
  sessionExpired: 'session expired: it reached its maximum age; log in again',
  accountDisabled: 'account disabled',
} as const;

/** A user's session: the refresh-token family behind the access token presented. */
export class SessionInfoDto {
  /** The `fam` claim of the session's access tokens. */
  id!: string;
  startedAt!: string;
  lastRefreshedAt!: string;
  /** When the session ends however often it is refreshed; log in again after it. */
  expiresAt!: string;
}

/** `user` (access token), `api-key` (machine client) or `service` (another GT-Vision service). */
export const PRINCIPAL_KINDS = ['user', 'api-key', 'service'] as const;

/** Who the caller is, as `GET /api/auth/me` says; never a secret. */
export class MeResponseDto {
  kind!: (typeof PRINCIPAL_KINDS)[number];
  /** The user's, or the API key's, id; `internal` for a service. */
  id!: string;
  role!: Role | 'service';
  /** Users only. */
  username?: string;
  /** Users only. */
  displayName?: string | null;
  /** Users only. */
  passwordChangedAt?: string;
  /** API keys only: the name given at creation. */
  name?: string;
  /** Users only. */
  session?: SessionInfoDto;
}

export class CreateApiKeyDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  /** Defaults to `integrator`, the role of machine clients that push detections. */
  @IsOptional()
  @IsIn(API_KEY_ROLES)
  role?: ApiKeyRole;
}

/** An API key as listed: only its prefix identifies it; the key itself is never stored. */
export class ApiKeyResponseDto {
  id!: string;
  name!: string;
  /** The 8 characters after `gtv_` in the key, enough to recognise it. */
  prefix!: string;
  role!: ApiKeyRole;
  createdBy!: string | null;
  createdAt!: string;
  lastUsedAt!: string | null;
  revokedAt!: string | null;
}

/** Returned once, at creation: `key` (`gtv_<prefix>_<secret>`) cannot be shown again. */
export class CreatedApiKeyResponseDto extends ApiKeyResponseDto {
  key!: string;
}
