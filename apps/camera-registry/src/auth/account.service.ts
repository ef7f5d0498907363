import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { Principal } from '@gt-vision/backend-auth';
import type { MeResponseDto } from '@gt-vision/shared-types';
import { UsersRepository } from '../users/users.repository';
import { SessionService } from './session.service';

/** `GET /api/auth/me`: who the caller is, from the database rather than the token's claims. */
@Injectable()
export class AccountService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionService,
  ) {}

  async me(principal: Principal): Promise<MeResponseDto> {
    if (principal.kind === 'api-key') {
      const { kind, id, name, role } = principal;
      return { kind, id, name, role };
    }
    if (principal.kind === 'service') {
      return { kind: principal.kind, id: principal.id, role: principal.role };
    }
    const [user, session] = await Promise.all([
      this.users.findById(principal.id),
      this.sessions.describe(principal.family),
    ]);
    // Revocation normally refuses such a token first; this covers the instants in between.
    if (!user || !session) throw new UnauthorizedException('session ended');
    return {
      kind: 'user',
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      passwordChangedAt: user.password_changed_at.toISOString(),
      session: {
        id: principal.family,
        startedAt: session.started_at.toISOString(),
        lastRefreshedAt: session.last_refreshed_at.toISOString(),
        expiresAt: session.expires_at.toISOString(),
      },
    };
  }
}
