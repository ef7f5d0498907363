import type { UserResponseDto } from '@gt-vision/shared-types';
import { NEW_USER, toCreateUser, toUpdateUser, toUserForm } from './user-form.model';

const USER: UserResponseDto = {
  id: '0b6f1c9e-8f3e-4a57-9d0e-2f4c1f0a9b11',
  username: 'ana',
  displayName: 'Ana',
  role: 'operator',
  disabled: false,
  lockedUntil: null,
  passwordChangedAt: '2026-12-01T00:00:00Z',
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
};

describe('user form model', () => {
  it('creates with a trimmed name and no empty display name', () => {
    expect(
      toCreateUser({ ...NEW_USER, username: ' bob ', password: 'correct horse battery' }),
    ).toEqual({
      username: 'bob',
      displayName: null,
      role: 'operator',
      password: 'correct horse battery',
    });
  });

  it('sends only what changed, and no password unless one was typed', () => {
    expect(toUpdateUser(toUserForm(USER), USER)).toEqual({});
    expect(
      toUpdateUser({ ...toUserForm(USER), role: 'viewer', displayName: '', disabled: true }, USER),
    ).toEqual({ role: 'viewer', displayName: null, disabled: true });
    expect(toUpdateUser({ ...toUserForm(USER), password: 'x' }, USER)).toEqual({ password: 'x' });
  });
});
