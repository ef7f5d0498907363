import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { CreateUserDto, UpdateUserDto, UserResponseDto } from '@gt-vision/shared-types';
import { LoginThrottle } from '../auth/login-throttle';
import { CameraAccessCascades } from '../camera-access/camera-access.cascades';
import { SessionService } from '../auth/session.service';
import { isUniqueViolation } from '@gt-vision/backend-database';
import { removesLastAdmin, type AdminAffectingChange } from './last-admin.rule';
import { PasswordHasher } from './password.hasher';
import { mapUser } from './user.mapper';
import { UsersRepository, type AdminGuard, type UserRow } from './users.repository';

const LAST_ADMIN = 'this would leave no enabled admin; make another user admin first';

/** Refuses a change that would leave nobody able to administer the system. */
function keepAnAdmin(change: AdminAffectingChange): AdminGuard {
  return (current, activeAdminIds) => {
    if (removesLastAdmin(activeAdminIds, current.id, change)) {
      throw new ConflictException(LAST_ADMIN);
    }
  };
}

/** Changes after which the user's existing tokens must stop working. */
function endsSessions(before: UserRow, after: UserRow, passwordChanged: boolean): boolean {
  return passwordChanged || (after.disabled && !before.disabled) || after.role !== before.role;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly cascades: CameraAccessCascades,
  ) {}

  async list(): Promise<UserResponseDto[]> {
    return (await this.users.list()).map((row) => mapUser(row));
  }

  async get(id: string): Promise<UserResponseDto> {
    return mapUser(await this.found(this.users.findById(id), id));
  }

  async create(dto: CreateUserDto): Promise<UserResponseDto> {
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      const row = await this.users.insert({
        username: dto.username,
        displayName: dto.displayName ?? null,
        role: dto.role,
        passwordHash,
      });
      return mapUser(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictException(`username "${dto.username}" is already taken`);
      }
      throw error;
    }
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserResponseDto> {
    const passwordHash =
      dto.password === undefined ? undefined : await this.hasher.hash(dto.password);
    const result = await this.found(
      this.users.update(
        id,
        { displayName: dto.displayName, role: dto.role, disabled: dto.disabled, passwordHash },
        keepAnAdmin({ role: dto.role, disabled: dto.disabled }),
      ),
      id,
    );
    if (endsSessions(result.before, result.after, passwordHash !== undefined)) {
      await this.sessions.revokeUserSessions(id);
    }
    if (passwordHash !== undefined) await this.throttle.clear(result.after.username);
    return mapUser(result.after);
  }

  async delete(id: string): Promise<void> {
    // Read first: deleting the user deletes its refresh tokens, and with them the family ids.
    const families = await this.sessions.openFamiliesOf(id);
    const { cascaded } = await this.found(
      this.users.delete(id, keepAnAdmin('delete'), (tx) => this.cascades.userDeleting(tx, id)),
      id,
    );
    await this.sessions.revokeAccessTokens(id, families);
    await this.cascades.announce(cascaded);
  }

  private async found<T>(pending: Promise<T | null>, id: string): Promise<T> {
    const value = await pending;
    if (value === null) throw new NotFoundException(`user ${id} does not exist`);
    return value;
  }
}
