import { Injectable } from '@nestjs/common';
import { USER_ROLES, type UserRole } from '@gt-vision/shared-types';
import { AuthConfig } from './auth.config';
import { DEFAULT_CLOCK_TOLERANCE_SECONDS, JwtError, verifyJwt } from './jwt';
import { JwtKeySet, type PublicJwk } from './keys';
import { VerifiedTokenCache } from './verified-token.cache';

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

/**
 * Checks an access token's signature (with the current or a retired key, by the token's `kid`), times,
 * issuer and audience, then the claims we rely on. A token verified once is remembered (see
 * VerifiedTokenCache): its later requests only have their times checked again.
 */
@Injectable()
export class AccessTokenVerifier {
  /** Read at start-up (a bad file stops the service), thumbprinted once. */
  private readonly keys: Promise<JwtKeySet>;
  private readonly verified = new VerifiedTokenCache<AccessTokenClaims>();

  constructor(private readonly config: AuthConfig) {
    this.keys = JwtKeySet.fromFiles(
      config.JWT_PUBLIC_KEY_FILE,
      config.JWT_RETIRED_PUBLIC_KEY_FILES ?? [],
    );
  }

  async verify(token: string, now = new Date()): Promise<AccessTokenClaims> {
    const key = VerifiedTokenCache.keyOf(token);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const cached = this.verified.get(key, nowSeconds, DEFAULT_CLOCK_TOLERANCE_SECONDS);
    if (cached) return cached;
    const payload = await verifyJwt(token, await this.keys, {
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
    const claims = Object.freeze(payload) as unknown as AccessTokenClaims;
    this.verified.set(key, claims, { iat: claims.iat, exp: claims.exp, nbf: payload.nbf });
    return claims;
  }

  /** Id of the key tokens must be signed with from now on. */
  async currentKid(): Promise<string> {
    return (await this.keys).currentKid;
  }

  /** The keys this verifier accepts, as a JSON Web Key Set. */
  async jwks(): Promise<{ keys: PublicJwk[] }> {
    return (await this.keys).jwks();
  }
}
