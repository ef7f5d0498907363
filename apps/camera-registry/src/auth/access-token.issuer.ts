import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  AccessTokenVerifier,
  AuthConfig,
  jwtSigningKey,
  readP256KeyFile,
  signJwt,
  type AccessTokenClaims,
  type JwtSigningKey,
} from '@gt-vision/backend-auth';
import type { UserRole } from '@gt-vision/shared-types';
import { randomUUID } from 'node:crypto';
import { RegistryAuthConfig } from './registry-auth.config';

export interface SessionUser {
  id: string;
  username: string;
  role: UserRole;
}

export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresAt: Date;
  expiresIn: number;
}

/** Signs access tokens; only the registry holds the private key. */
@Injectable()
export class AccessTokenIssuer implements OnModuleInit {
  private readonly signingKey: Promise<JwtSigningKey>;

  constructor(
    private readonly auth: AuthConfig,
    private readonly config: RegistryAuthConfig,
    private readonly verifier: AccessTokenVerifier,
  ) {
    this.signingKey = jwtSigningKey(readP256KeyFile(config.JWT_PRIVATE_KEY_FILE, 'private'));
  }

  get ttlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  /**
   * Tokens no service accepts, or signed with a key the JWKS does not name as current (a retired key
   * left as the signing key after a rotation): refuse to start.
   */
  async onModuleInit(): Promise<void> {
    const probe = await this.issue(
      { id: 'key-check', username: 'key-check', role: 'viewer' },
      'check',
    );
    const { kid } = await this.signingKey;
    const verified = await this.verifier.verify(probe.token).then(
      () => true,
      () => false,
    );
    if (!verified || kid !== (await this.verifier.currentKid())) {
      throw new Error('JWT_PRIVATE_KEY_FILE is not the private half of JWT_PUBLIC_KEY_FILE');
    }
  }

  /** `notAfter` (the session's end) shortens the token: a session's tokens end with it. */
  async issue(
    user: SessionUser,
    family: string,
    now = new Date(),
    notAfter?: Date,
  ): Promise<IssuedAccessToken> {
    const iat = Math.floor(now.getTime() / 1000);
    const end = notAfter ? Math.floor(notAfter.getTime() / 1000) : Infinity;
    const exp = Math.max(iat + 1, Math.min(iat + this.ttlSeconds, end));
    const claims: AccessTokenClaims = {
      sub: user.id,
      username: user.username,
      role: user.role,
      jti: randomUUID(),
      fam: family,
      iat,
      exp,
      iss: this.auth.JWT_ISSUER,
      aud: this.auth.JWT_AUDIENCE,
    };
    return {
      token: await signJwt({ ...claims }, await this.signingKey),
      jti: claims.jti,
      expiresAt: new Date(exp * 1000),
      expiresIn: exp - iat,
    };
  }
}
