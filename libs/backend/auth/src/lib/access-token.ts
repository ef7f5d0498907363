import { Injectable } from '@nestjs/common';
import { USER_ROLES, type UserRole } from '@gt-vision/shared-types';
import type { KeyObject } from 'node:crypto';
import { AuthConfig } from './auth.config';
import { JwtError, verifyJwt } from './jwt';
import { readP256KeyFile } from './keys';

/** The claims of a GT-Vision access token; `fam` ties it to the refresh-token family it came from. */
export interface AccessTokenClaims {
  sub: string;
  username: string;
  role: UserRole;
  jti: string;
  fam: string;
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Checks an access token's signature, times, issuer and audience, then the claims we rely on. */
@Injectable()
export class AccessTokenVerifier {
  private readonly publicKey: KeyObject;

  constructor(private readonly config: AuthConfig) {
    this.publicKey = readP256KeyFile(config.JWT_PUBLIC_KEY_FILE, 'public');
  }

  verify(token: string, now = new Date()): AccessTokenClaims {
    const payload = verifyJwt(token, this.publicKey, {
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      now,
    });
    const { sub, username, role, jti, fam } = payload;
    if (
      !nonEmpty(sub) ||
      !nonEmpty(username) ||
      !nonEmpty(jti) ||
      !nonEmpty(fam) ||
      !(USER_ROLES as readonly unknown[]).includes(role)
    ) {
      throw new JwtError('malformed', 'token claims incomplete');
    }
    return payload as unknown as AccessTokenClaims;
  }
}
