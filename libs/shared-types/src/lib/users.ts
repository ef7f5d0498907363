import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PASSWORD_MAX_LENGTH, USER_ROLES, type UserRole } from './auth';

/** Letters, digits, `.`, `_` and `-`, 3 to 64 long; compared case-insensitively. */
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
export const PASSWORD_MIN_LENGTH = 12;
const USERNAME_RULE =
  'username must be 3-64 letters, digits, ".", "_" or "-", starting with a letter or digit';

/** Present means "change it"; `null` is refused (unlike `IsOptional`, which would let it through). */
const IfPresent = () => ValidateIf((_, value) => value !== undefined);

export class CreateUserDto {
  @IsString()
  @Matches(USERNAME_PATTERN, { message: USERNAME_RULE })
  username!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string | null;

  @IsIn(USER_ROLES)
  role!: UserRole;

  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

/** Every field optional; `displayName: null` clears the display name. */
export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  displayName?: string | null;

  @IfPresent()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @IfPresent()
  @IsBoolean()
  disabled?: boolean;

  @IfPresent()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

/** Self-service password change; the new password follows the same rules as an admin-set one. */
export class ChangePasswordDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

/** A user as the API shows it; the password hash never leaves the registry. */
export class UserResponseDto {
  id!: string;
  username!: string;
  displayName!: string | null;
  role!: UserRole;
  disabled!: boolean;
  /** Set while the account is locked out after repeated failed logins. */
  lockedUntil!: string | null;
  passwordChangedAt!: string;
  createdAt!: string;
  updatedAt!: string;
}
