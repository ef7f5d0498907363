import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  AccessTokenVerifier,
  AuthConfig,
  readP256KeyFile,
  signJwt,
  type AccessTokenClaims,
} from '@gt-vision/backend-auth';
import type { UserRole } from '@gt-vision/shared-types';
import { randomUUID, type KeyObject } from 'node:crypto';
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
  private readonly privateKey: KeyObject;

  constructor(
    private readonly auth: AuthConfig,
    private readonly config: RegistryAuthConfig,
    private readonly verifier: AccessTokenVerifier,
  ) {
    this.privateKey = readP256KeyFile(config.JWT_PRIVATE_KEY_FILE, 'private');
  }

  get ttlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  /** A key pair that does not match would issue tokens no service accepts: refuse to start. */
  onModuleInit(): void {
    const probe = this.issue({ id: 'key-check', username: 'key-check', role: 'viewer' }, 'check');
    try {
      this.verifier.verify(probe.token);
    } catch {
      throw new Error('JWT_PRIVATE_KEY_FILE is not the private half of JWT_PUBLIC_KEY_FILE');
    }
  }

  /** `notAfter` (the session's end) shortens the token: a session's tokens end with it. */
  issue(user: SessionUser, family: string, now = new Date(), notAfter?: Date): IssuedAccessToken {
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
      token: signJwt({ ...claims }, this.privateKey),
      jti: claims.jti,
      expiresAt: new Date(exp * 1000),
      expiresIn: exp - iat,
    };
  }
}
