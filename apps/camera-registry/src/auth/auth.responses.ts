import { ApiProperty } from '@nestjs/swagger';
import {
  PRINCIPAL_KINDS,
  Roles,
  type MeResponseDto,
  type SessionInfoDto,
  type TokenPairResponseDto,
} from '@gt-vision/shared-types';
import { ApiTimestamp } from '../common/api-timestamp';

/** Schema of `TokenPairResponseDto` (shared-types stays free of @nestjs/swagger for the console). */
export class TokenPairResponse implements TokenPairResponseDto {
  /** JWT for `Authorization: Bearer …`. */
  accessToken!: string;
  /** Single use: exchange it at `POST /api/auth/refresh` for a new pair. */
  refreshToken!: string;
  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';
  /** Seconds until the access token expires. */
  @ApiProperty({ type: 'integer' })
  expiresIn!: number;
  /** Seconds until the refresh token expires. */
  @ApiProperty({ type: 'integer' })
  refreshExpiresIn!: number;
}

/** Schema of `SessionInfoDto`. */
export class SessionInfoResponse implements SessionInfoDto {
  /** The `fam` claim of the session's access tokens. */
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiTimestamp()
  startedAt!: string;
  @ApiTimestamp()
  lastRefreshedAt!: string;
  /** When the session ends however often it is refreshed; log in again after it. */
  @ApiTimestamp()
  expiresAt!: string;
}

/** Schema of `MeResponseDto`. */
export class MeResponse implements MeResponseDto {
  @ApiProperty({ enum: PRINCIPAL_KINDS })
  kind!: MeResponseDto['kind'];
  /** The user's, or the API key's, id; `internal` for a service. */
  id!: string;
  @ApiProperty({ enum: [...Object.values(Roles), 'service'] })
  role!: MeResponseDto['role'];
  /** Users only. */
  username?: string;
  /** Users only. */
  displayName?: string | null;
  /** Users only. */
  @ApiTimestamp()
  passwordChangedAt?: string;
  /** API keys only: the name given at creation. */
  name?: string;
  /** Users only. */
  session?: SessionInfoResponse;
}

/** One ES256 public key of the JWKS (RFC 7517). */
export class JwkResponse {
  /** RFC 7638 thumbprint of the key; the `kid` header of the tokens it signed. */
  kid!: string;
  @ApiProperty({ enum: ['EC'] })
  kty!: 'EC';
  @ApiProperty({ enum: ['P-256'] })
  crv!: 'P-256';
  x!: string;
  y!: string;
  @ApiProperty({ enum: ['ES256'] })
  alg!: 'ES256';
  @ApiProperty({ enum: ['sig'] })
  use!: 'sig';
}

/** The keys that verify access tokens: the current signing key first. */
export class JwksResponse {
  @ApiProperty({ type: [JwkResponse] })
  keys!: JwkResponse[];
}
