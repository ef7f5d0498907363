import { HttpException, Injectable, NestMiddleware } from '@nestjs/common';
import { Authenticator } from './authenticator';
import type { AuthenticatedRequest } from './principal';

/**
 * Authenticates every request, matched by a route or not, and records the outcome for the guard.
 * Recording rather than refusing lets public routes ignore stale credentials, and lets the error
 * filter answer an anonymous caller of an unknown path with 401 rather than disclose a 404.
 */
@Injectable()
export class AuthenticationMiddleware implements NestMiddleware {
  constructor(private readonly authenticator: Authenticator) {}

  async use(req: AuthenticatedRequest, _res: unknown, next: (error?: unknown) => void) {
    try {
      req.principal = await this.authenticator.authenticate(req);
    } catch (error) {
      if (!(error instanceof HttpException)) return next(error);
      req.authFailure = error;
    }
    next();
  }
}
