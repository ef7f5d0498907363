import {
  BadRequestException,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { AuditLog } from '@gt-vision/backend-audit';
import type { Principal } from '@gt-vision/backend-auth';
import type {
  ChangePasswordDto,
  LoginRequestDto,
  TokenPairResponseDto,
} from '@gt-vision/shared-types';
import { PasswordHasher } from '../users/password.hasher';
import { UsersRepository, type UserRow } from '../users/users.repository';
import { LoginThrottle, TooManyLoginAttemptsException } from './login-throttle';
import { SessionService } from './session.service';

const INVALID = 'invalid username or password';

/** Where a password is checked: login and the self-service password change share limits and lock-out. */
@Injectable()
export class LoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
  ) {}

  /** Every attempt lands in the audit trail: who (or which username was tried), from where, and why not. */
  async login(
    dto: LoginRequestDto,
    ip: string,
    requestId: string | null = null,
  ): Promise<TokenPairResponseDto> {
    const origin = { sourceIp: ip, requestId };
    let user: UserRow;
    try {
      user = await this.authenticate(dto, ip);
    } catch (error) {
      if (
        error instanceof UnauthorizedException ||
        error instanceof TooManyLoginAttemptsException
      ) {
        await this.audit.append({
          ...origin,
          action: 'auth.login-failed',
          actor: { kind: 'anonymous', id: null, name: dto.username },
          details: { why: error.message },
        });
      }
      throw error;
    }
    const pair = await this.sessions.start(user);
    await this.audit.append({
      ...origin,
      action: 'auth.login',
      actor: { kind: 'user', id: user.id, name: user.username },
      target: `user:${user.id}`,
    });
    return pair;
  }

  /**
   * Checks the rate limits and lock-out before spending a password hash on the attempt. Unknown
   * usernames take the same path and time as wrong passwords and get the same answer.
   */
  private async authenticate(dto: LoginRequestDto, ip: string): Promise<UserRow> {
    await this.throttle.admit(ip, dto.username);
    const user = await this.users.findByUsername(dto.username);
    if (user) assertNotLocked(user);
    const valid = user
      ? await this.hasher.verify(dto.password, user.password_hash)
      : await this.hasher.verifyAgainstDummy(dto.password);
    if (!user || !valid) {
      await this.recordFailure(dto.username, user);
      throw new UnauthorizedException(INVALID);
    }
    // Said only to someone who knows the password, so it reveals nothing to a guesser.
    if (user.disabled) throw new UnauthorizedException('account disabled');

    await this.throttle.recordSuccess(dto.username);
    if (user.failed_login_count > 0 || user.locked_until)
      await this.users.recordLoginSuccess(user.id);
    if (this.hasher.needsRehash(user.password_hash)) {
      await this.users.replacePasswordHash(user.id, await this.hasher.hash(dto.password));
    }
    return user;
  }

  /**
   * Checks the current password as a login would (same limits, failures count towards the same
   * lock-out: a stolen access token must not become a way to guess the password), then ends every
   * session of the user and starts a new one for the caller. Reissued rather than kept: whoever
   * changes a password because a token leaked must not keep that token's family alive.
   */
  async changePassword(
    principal: Principal,
    dto: ChangePasswordDto,
    ip: string,
  ): Promise<TokenPairResponseDto> {
    if (principal.kind !== 'user') {
      throw new ForbiddenException('only users have a password; API keys are replaced instead');
    }
    if (dto.newPassword === dto.currentPassword) {
      throw fieldError('newPassword', 'must differ from the current password');
    }
    await this.throttle.admit(ip, principal.username);
    const user = await this.users.findById(principal.id);
    if (!user) throw new UnauthorizedException('session ended');
    assertNotLocked(user);
    if (!(await this.hasher.verify(dto.currentPassword, user.password_hash))) {
      await this.recordFailure(user.username, user);
      throw fieldError('currentPassword', 'is not the current password');
    }
    await this.throttle.recordSuccess(user.username);
    const passwordHash = await this.hasher.hash(dto.newPassword);
    // A password change touches neither role nor enabled state: it can never remove the last admin.
    const changed = await this.users.update(user.id, { passwordHash }, () => undefined);
    if (!changed) throw new UnauthorizedException('session ended');
    await this.sessions.revokeUserSessions(user.id);
    return this.sessions.start(changed.after);
  }

  /** The lock-out is decided in Redis (shared, and blind to whether the user exists) and kept on
   * the user's row too, so that it survives a Redis restart and admins can see it. */
  private async recordFailure(username: string, user: UserRow | null): Promise<void> {
    const lockedUntil = await this.throttle.recordFailure(username);
    if (user) await this.users.recordLoginFailure(user.id, lockedUntil);
  }
}

/** A lock-out kept on the user's row (it survives a Redis restart) is honoured like Redis's. */
function assertNotLocked(user: UserRow, now = new Date()): void {
  if (!user.locked_until || user.locked_until <= now) return;
  const retryAfterSeconds = Math.ceil((user.locked_until.getTime() - now.getTime()) / 1000);
  throw new TooManyLoginAttemptsException({ allowed: false, reason: 'locked', retryAfterSeconds });
}

function fieldError(field: string, problem: string): BadRequestException {
  return new BadRequestException({ message: `${field} ${problem}`, details: [{ field, problem }] });
}
