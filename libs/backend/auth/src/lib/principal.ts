import type { Role } from '@gt-vision/shared-types';

/**
 * Who is calling, as established by the auth guard: a user (access JWT), a machine client (API key)
 * or another GT-Vision service (the internal service token).
 */
export type Principal =
  | { kind: 'user'; id: string; username: string; role: Role; tokenId: string; family: string }
  | { kind: 'api-key'; id: string; name: string; role: Role }
  | { kind: 'service'; id: 'internal'; role: 'service' };
