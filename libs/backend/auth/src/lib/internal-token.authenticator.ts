import { Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { InternalAuthConfig } from './auth.config';
import type { AuthenticatedRequest, Principal } from './principal';

export const SERVICE_PRINCIPAL: Principal = { kind: 'service', id: 'internal', role: 'service' };

const BEARER = /^Bearer +(\S+) *$/i;

/** Hashing first gives equal-length inputs, so the comparison leaks neither content nor length. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Checks a bearer token against the internal service token, in constant time. */
@Injectable()
export class InternalTokenMatcher {
  private readonly expected: Buffer;

  constructor(config: InternalAuthConfig) {
    this.expected = digest(config.INTERNAL_SERVICE_TOKEN);
  }

  /** The bearer token of an `Authorization` header, or a 401 naming what is wrong with the header. */
  static bearer(authorization: string | undefined): string {
    if (authorization === undefined) throw new UnauthorizedException('missing bearer token');
    const token = BEARER.exec(authorization)?.[1];
    if (!token) throw new UnauthorizedException('authorization header must be "Bearer <token>"');
    return token;
  }

  matches(token: string): boolean {
    return timingSafeEqual(digest(token), this.expected);
  }
}

/**
 * The authenticator of an internal service that only GT-Vision's own services call (the LPR engine):
 * the internal service token, nothing else. It needs neither the token signer's public key nor the
 * revocation list in Redis, so such a service depends on nothing.
 */
@Injectable()
export class InternalTokenAuthenticator {
  constructor(private readonly matcher: InternalTokenMatcher) {}

  async authenticate(req: AuthenticatedRequest): Promise<Principal> {
    const authorization = req.headers['authorization'];
    if (Array.isArray(authorization))
      throw new UnauthorizedException('send one authorization header');
    const token = InternalTokenMatcher.bearer(authorization === '' ? undefined : authorization);
    if (!this.matcher.matches(token)) {
      throw new UnauthorizedException('only GT-Vision services may call this service');
    }
    return SERVICE_PRINCIPAL;
  }
}
