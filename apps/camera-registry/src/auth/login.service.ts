import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { LoginRequestDto, TokenPairResponseDto } from '@gt-vision/shared-types';
import { PasswordHasher } from '../users/password.hasher';
import { UsersRepository, type UserRow } from '../users/users.repository';
import { LoginThrottle, TooManyLoginAttemptsException } from './login-throttle';
import { SessionService } from './session.service';

const INVALID = 'invalid username or password';

@Injectable()
export class LoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly sessions: SessionService,
  ) {}

  /**
   * Checks the rate limits and lock-out before spending a password hash on the attempt. Unknown
   * usernames take the same path and time as wrong passwords and get the same answer.
   */
  async login(dto: LoginRequestDto, ip: string): Promise<TokenPairResponseDto> {
    await this.throttle.admit(ip, dto.username);
    const user = await this.users.findByUsername(dto.username);
    const now = new Date();
    if (user?.locked_until && user.locked_until > now) {
      const retryAfterSeconds = Math.ceil((user.locked_until.getTime() - now.getTime()) / 1000);
      throw new TooManyLoginAttemptsException({
        allowed: false,
        reason: 'locked',
        retryAfterSeconds,
      });
    }
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
    return this.sessions.start(user);
  }

  /** The lock-out is decided in Redis (shared, and blind to whether the user exists) and kept on
   * the user's row too, so that it survives a Redis restart and admins can see it. */
  private async recordFailure(username: string, user: UserRow | null): Promise<void> {
    const lockedUntil = await this.throttle.recordFailure(username);
    if (user) await this.users.recordLoginFailure(user.id, lockedUntil);
  }
}
