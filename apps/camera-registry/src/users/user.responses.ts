import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, type UserResponseDto, type UserRole } from '@gt-vision/shared-types';
import { ApiTimestamp } from '../common/api-timestamp';

/** Schema of `UserResponseDto` (shared-types stays free of @nestjs/swagger for the console). */
export class UserResponse implements UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  username!: string;
  displayName!: string | null;
  @ApiProperty({ enum: USER_ROLES })
  role!: UserRole;
  disabled!: boolean;
  /** Set while the account is locked out after repeated failed logins. */
  @ApiTimestamp()
  lockedUntil!: string | null;
  @ApiTimestamp()
  passwordChangedAt!: string;
  @ApiTimestamp()
  createdAt!: string;
  @ApiTimestamp()
  updatedAt!: string;
}
