import { KeyObject, sign, verify } from 'node:crypto';
import { assertP256 } from './keys';

/** Why a token was refused; the guard turns each into a 401 message. */
export type JwtFailure =
  'malformed' | 'algorithm' | 'signature' | 'expired' | 'not-yet-valid' | 'issuer' | 'audience';

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

// Fixed: we only ever issue ES256 tokens, so the header is a constant rather than a choice.
const HEADER = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'JWT' })).toString('base64url');
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const ES256_SIGNATURE_BYTES = 64;

/** Signs `claims` as a compact ES256 JWS (JWT). */
export function signJwt(claims: Record<string, unknown>, privateKey: KeyObject): string {
  assertP256(privateKey, 'private');
  const input = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  // JOSE wants the raw r||s signature (IEEE P1363), not the DER that OpenSSL produces by default.
  const signature = sign('sha256', Buffer.from(input), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

/**
 * Verifies a compact ES256 JWT and returns its claims. The algorithm is fixed by the verifier, never
 * taken from the token, so `none`, HS256-with-the-public-key and other algorithm swaps are refused.
 */
export function verifyJwt(token: string, publicKey: KeyObject, options: VerifyJwtOptions) {
  assertP256(publicKey, 'public');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) {
    throw new JwtError('malformed', 'malformed token');
  }
  const [encodedHeader, encodedPayload, encodedSignature] = parts;
  const header = decodeJson(encodedHeader);
  if (header['alg'] !== 'ES256') {
    throw new JwtError('algorithm', 'token algorithm not accepted (only ES256 is)');
  }
  if (header['typ'] !== 'JWT') throw new JwtError('malformed', 'token type must be JWT');
  // RFC 7515 §4.1.11: an extension the verifier does not understand must make the token invalid.
  if ('crit' in header) throw new JwtError('malformed', 'token uses unsupported extensions');

  const signature = Buffer.from(encodedSignature, 'base64url');
  const valid =
    signature.length === ES256_SIGNATURE_BYTES &&
    verify(
      'sha256',
      Buffer.from(`${encodedHeader}.${encodedPayload}`),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      signature,
    );
  if (!valid) throw new JwtError('signature', 'token signature invalid');

  const payload = decodeJson(encodedPayload);
  checkTimes(payload, options);
  if (payload['iss'] !== options.issuer) throw new JwtError('issuer', 'token issuer not accepted');
  const aud = payload['aud'];
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(options.audience)) {
    throw new JwtError('audience', 'token audience not accepted');
  }
  return payload as JwtPayload;
}

function checkTimes(payload: Record<string, unknown>, options: VerifyJwtOptions): void {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  const { exp, iat, nbf } = payload;
  if (!isNumericDate(exp) || !isNumericDate(iat) || (nbf !== undefined && !isNumericDate(nbf))) {
    throw new JwtError('malformed', 'token exp, iat and nbf must be numeric dates');
  }
  if (now >= exp + tolerance) throw new JwtError('expired', 'token expired');
  if (iat > now + tolerance) throw new JwtError('not-yet-valid', 'token issued in the future');
  if (nbf !== undefined && nbf > now + tolerance) {
    throw new JwtError('not-yet-valid', 'token not valid yet');
  }
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function decodeJson(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new JwtError('malformed', 'malformed token');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JwtError('malformed', 'malformed token');
  }
  return value as Record<string, unknown>;
}
