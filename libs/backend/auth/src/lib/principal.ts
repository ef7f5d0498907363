import type { HttpException } from '@nestjs/common';
import type { ApiKeyRole, UserRole } from '@gt-vision/shared-types';

/**
 * Who is calling, as established by the auth guard: a user (access JWT), a machine client (API key)
 * or another GT-Vision service (the internal service token).
 */
export type Principal =
  | { kind: 'user'; id: string; username: string; role: UserRole; tokenId: string; family: string }
  | { kind: 'api-key'; id: string; name: string; role: ApiKeyRole }
  | { kind: 'service'; id: 'internal'; role: 'service' };

export type ApiKeyPrincipal = Extract<Principal, { kind: 'api-key' }>;

/**
 * What authentication leaves on a request: the principal, or why there is none. The failure is kept
 * rather than thrown at once because only the route (public or not) decides whether it matters.
 */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  /** The client's address (Express's `req.ip`: the edge's X-Forwarded-For, trusted from the edge only). */
  ip?: string;
  principal?: Principal;
  authFailure?: HttpException;
  /** Set by the guard, which runs only for requests a route handler serves. */
  routeMatched?: boolean;
}
