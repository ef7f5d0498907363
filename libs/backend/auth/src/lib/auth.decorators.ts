import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@gt-vision/shared-types';
import type { Principal } from './principal';

export const IS_PUBLIC = 'gtv:auth:public';
export const ALLOWED_ROLES = 'gtv:auth:roles';

/** Opts a route out of authentication; only login, refresh and health are meant to use it. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route (or every route of a controller) to these roles; the internal service always passes. */
export const AllowRoles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** Only GT-Vision's own services (the internal service token) may call the route, e.g. `/metrics`. */
export const InternalOnly = () => AllowRoles();

/** The authenticated caller of the current request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
