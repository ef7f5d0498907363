import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@gt-vision/shared-types';
import { ALLOWED_ROLES, IS_PUBLIC } from './auth.decorators';
import { Authenticator } from './authenticator';
import type { AuthenticatedRequest, Principal } from './principal';

/**
 * Global guard: every HTTP route needs a principal unless marked `@Public()`, and a role listed by
 * `@AllowRoles()` when it has one. Unauthenticated is 401; authenticated but not allowed is 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // NATS and Kafka handlers are internal traffic, authenticated by the broker connection.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    req.routeMatched = true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    if (req.authFailure) throw req.authFailure;
    // The authentication middleware normally ran already; without it (tests, other adapters) do it here.
    req.principal ??= await this.authenticator.authenticate(req);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !isAllowed(req.principal, roles)) {
      throw new ForbiddenException(
        roles.length === 0
          ? 'only GT-Vision services may call this route'
          : `role ${req.principal.role} may not call this route (allowed: ${roles.join(', ')})`,
      );
    }
    return true;
  }
}

/** The internal service identity passes every role check; no other principal passes an empty list. */
export function isAllowed(principal: Principal, roles: readonly Role[]): boolean {
  return principal.kind === 'service' || roles.includes(principal.role);
}
