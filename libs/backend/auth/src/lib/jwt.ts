import { errors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
import type { JwtKeySet, JwtSigningKey } from './keys';

/** Why a token was refused; the guard turns each into a 401 message. */
export type JwtFailure =
  | 'malformed'
  | 'algorithm'
  | 'key'
  | 'signature'
  | 'expired'
  | 'not-yet-valid'
  | 'issuer'
  | 'audience';

export class JwtError extends Error {
  constructor(
    readonly reason: JwtFailure,
    message: string,
  ) {
    super(message);
    this.name = 'JwtError';
  }
}

export type JwtPayload = Record<string, unknown> & {
  iss: string;
  aud: string | string[];
  iat: number;
  exp: number;
  nbf?: number;
};

export interface VerifyJwtOptions {
  issuer: string;
  audience: string;
  now?: Date;
  /** Tolerated clock difference between the signing and the verifying host. */
  clockToleranceSeconds?: number;
}

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

/** Signs `claims` as a compact ES256 JWT naming its key (`kid`), so that verifiers can pick the key. */
export function signJwt(claims: Record<string, unknown>, key: JwtSigningKey): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: key.kid })
    .sign(key.privateKey);
}

/**
 * Verifies a compact ES256 JWT with the key its `kid` names and returns its claims. The algorithm is
 * fixed by the verifier, never taken from the token, so `none`, HS256-with-the-public-key and other
 * algorithm swaps are refused; a token without a key id, or naming a key not in the set, is refused.
 */
export async function verifyJwt(
  token: string,
  keys: JwtKeySet,
  options: VerifyJwtOptions,
): Promise<JwtPayload> {
  // jose has refused any algorithm but ES256 before it asks for the key.
  const keyOf = (header: JWTHeaderParameters) => {
    if (typeof header.kid !== 'string' || header.kid === '') {
      throw new JwtError('key', 'token names no signing key (kid)');
    }
    const key = keys.get(header.kid);
    if (!key) throw new JwtError('key', 'token signed by an unknown or retired key');
    return key;
  };
  try {
    const { payload } = await jwtVerify(token, keyOf, {
      algorithms: ['ES256'],
      typ: 'JWT',
      issuer: options.issuer,
      audience: options.audience,
      currentDate: options.now,
      clockTolerance: options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['iat', 'exp'],
    });
    // jose checks iat is a number but accepts one in the future; a token issued ahead of our clock is
    // as suspicious as one not valid yet.
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
    if ((payload.iat as number) > now + tolerance) {
      throw new JwtError('not-yet-valid', 'token issued in the future');
    }
    return payload as JwtPayload;
  } catch (error) {
    throw asJwtError(error);
  }
}

/** jose's errors, in the words the guard answers with. */
function asJwtError(error: unknown): unknown {
  if (error instanceof JwtError) return error;
  if (error instanceof errors.JWTExpired) return new JwtError('expired', 'token expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return new JwtError('issuer', 'token issuer not accepted');
      case 'aud':
        return new JwtError('audience', 'token audience not accepted');
      case 'nbf':
      case 'iat':
        return error.reason === 'check_failed'
          ? new JwtError('not-yet-valid', 'token not valid yet')
          : new JwtError('malformed', 'token exp, iat and nbf must be numeric dates');
      default:
        return new JwtError('malformed', `token claims invalid (${error.claim})`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new JwtError('algorithm', 'token algorithm not accepted (only ES256 is)');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new JwtError('signature', 'token signature invalid');
  }
  if (error instanceof errors.JOSEError) return new JwtError('malformed', 'malformed token');
  return error;
}
