import { Injectable } from '@nestjs/common';
import { USER_ROLES, type UserRole } from '@gt-vision/shared-types';
import { AuthConfig } from './auth.config';
import { JwtError, verifyJwt } from './jwt';
import { JwtKeySet, type PublicJwk } from './keys';

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
 * issuer and audience, then the claims we rely on.
 */
@Injectable()
export class AccessTokenVerifier {
  /** Read at start-up (a bad file stops the service), thumbprinted once. */
  private readonly keys: Promise<JwtKeySet>;

  constructor(private readonly config: AuthConfig) {
    this.keys = JwtKeySet.fromFiles(
      config.JWT_PUBLIC_KEY_FILE,
      config.JWT_RETIRED_PUBLIC_KEY_FILES ?? [],
    );
  }

  async verify(token: string, now = new Date()): Promise<AccessTokenClaims> {
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
    return payload as unknown as AccessTokenClaims;
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
