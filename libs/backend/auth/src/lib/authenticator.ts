import {
  Injectable,
  Logger,
  Optional,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { AccessTokenVerifier } from './access-token';
import { ApiKeyFailureLimit } from './api-key.failure-limit';
import { ApiKeyVerifier } from './api-key.verifier';
import { AuthConfig } from './auth.config';
import { InternalTokenMatcher, SERVICE_PRINCIPAL } from './internal-token.authenticator';
import { JwtError } from './jwt';
import type { AuthenticatedRequest, Principal } from './principal';
import { RevocationStore } from './revocation.store';

const OUTAGE_LOG_INTERVAL_MS = 10_000;

/**
 * Turns a request's credentials into a principal, or refuses them with a 401 that says what is
 * wrong. `Authorization: Bearer` carries an access JWT or the internal service token; `X-Api-Key`
 * carries a machine client's key.
 */
@Injectable()
export class Authenticator {
  private readonly logger = new Logger('Auth');
  private readonly internalToken: InternalTokenMatcher;
  private lastOutageLog = 0;

  constructor(
    config: AuthConfig,
    private readonly tokens: AccessTokenVerifier,
    private readonly revocations: RevocationStore,
    @Optional() private readonly apiKeys?: ApiKeyVerifier,
    @Optional() private readonly apiKeyFailures?: ApiKeyFailureLimit,
  ) {
    this.internalToken = new InternalTokenMatcher(config);
  }

  async authenticate(req: AuthenticatedRequest): Promise<Principal> {
    const authorization = singleHeader(req, 'authorization');
    const apiKey = singleHeader(req, 'x-api-key');
    if (authorization !== undefined && apiKey !== undefined) {
      throw new UnauthorizedException(
        'send either an Authorization or an X-Api-Key header, not both',
      );
    }
    if (apiKey !== undefined) return this.byApiKey(apiKey, req.ip ?? 'unknown');
    if (authorization === undefined) {
      throw new UnauthorizedException('missing bearer token or API key');
    }
    const token = InternalTokenMatcher.bearer(authorization);
    if (this.internalToken.matches(token)) return SERVICE_PRINCIPAL;
    return this.byAccessToken(token);
  }

  private async byAccessToken(token: string): Promise<Principal> {
    let claims;
    try {
      claims = await this.tokens.verify(token);
    } catch (error) {
      if (error instanceof JwtError) throw new UnauthorizedException(error.message);
      throw error;
    }
    let revoked: boolean;
    try {
      revoked = await this.revocations.isRevoked(claims);
    } catch (error) {
      // Fail closed: a token that may have been revoked is not honoured while we cannot tell.
      this.logOutage('token revocation list', error);
      throw new ServiceUnavailableException(
        'cannot check token revocation right now; retry shortly',
      );
    }
    if (revoked) throw new UnauthorizedException('token revoked');
    return {
      kind: 'user',
      id: claims.sub,
      username: claims.username,
      role: claims.role,
      tokenId: claims.jti,
      family: claims.fam,
    };
  }

  private async byApiKey(key: string, address: string): Promise<Principal> {
    if (!this.apiKeys) throw new UnauthorizedException('API keys are not accepted by this service');
    // A key already known valid costs no look-up, which is all the failure limit bounds: the busy
    // path (an integrator's key on every detection) then makes no Redis round trip for it.
    const known = this.apiKeys.known(key);
    if (known) return known;
    await this.apiKeyFailures?.admit(address);
    let principal;
    try {
      principal = await this.apiKeys.verify(key);
    } catch (error) {
      this.logOutage('API key verifier', error);
      throw new ServiceUnavailableException('cannot check API keys right now; retry shortly');
    }
    if (!principal) {
      await this.apiKeyFailures?.recordFailure(address);
      throw new UnauthorizedException('invalid or revoked API key');
    }
    return principal;
  }

  private logOutage(what: string, error: unknown): void {
    if (Date.now() - this.lastOutageLog < OUTAGE_LOG_INTERVAL_MS) return;
    this.lastOutageLog = Date.now();
    this.logger.warn(`${what} unavailable: ${error instanceof Error ? error.message : error}`);
  }
}

function singleHeader(req: AuthenticatedRequest, name: string): string | undefined {
  const value = req.headers[name];
  if (Array.isArray(value)) throw new UnauthorizedException(`send one ${name} header`);
  return value === '' ? undefined : value;
}
