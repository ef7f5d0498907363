import type {
  CreateUserDto,
  UpdateUserDto,
  UserResponseDto,
  UserRole,
} from '@gt-vision/shared-types';

/** What the user form edits, as typed. */
export interface UserFormValue {
  username: string;
  displayName: string;
  role: UserRole;
  password: string;
  disabled: boolean;
}

export const NEW_USER: UserFormValue = {
  username: '',
  displayName: '',
  role: 'operator',
  password: '',
  disabled: false,
};

export function toUserForm(user: UserResponseDto): UserFormValue {
  return {
    username: user.username,
    displayName: user.displayName ?? '',
    role: user.role,
    password: '',
    disabled: user.disabled,
  };
}

/** The request body; validation is the API's, whose answers are shown beside each field. */
export function toCreateUser(value: UserFormValue): CreateUserDto {
  return {
    username: value.username.trim(),
    displayName: value.displayName.trim() || null,
    role: value.role,
    password: value.password,
  };
}

/**
 * Only what changed: an empty password keeps the current one, and a role or state left as it was
 * is not sent (the registry refuses changes that would leave no admin, even no-op ones).
 */
export function toUpdateUser(value: UserFormValue, original: UserResponseDto): UpdateUserDto {
  const update: UpdateUserDto = {};
  const displayName = value.displayName.trim() || null;
  if (displayName !== original.displayName) update.displayName = displayName;
  if (value.role !== original.role) update.role = value.role;
  if (value.disabled !== original.disabled) update.disabled = value.disabled;
  if (value.password !== '') update.password = value.password;
  return update;
}
