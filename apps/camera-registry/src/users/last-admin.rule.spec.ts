import { removesLastAdmin } from './last-admin.rule';

describe('removesLastAdmin', () => {
  it.each([
    ['deleting the only admin', ['a'], 'a', 'delete' as const, true],
    ['demoting the only admin', ['a'], 'a', { role: 'operator' as const }, true],
    ['disabling the only admin', ['a'], 'a', { disabled: true }, true],
    ['renaming the only admin', ['a'], 'a', {}, false],
    ['re-asserting admin role', ['a'], 'a', { role: 'admin' as const, disabled: false }, false],
    ['deleting one of two admins', ['a', 'b'], 'a', 'delete' as const, false],
    ['demoting one of two admins', ['a', 'b'], 'b', { role: 'viewer' as const }, false],
    ['deleting a non-admin', ['a'], 'c', 'delete' as const, false],
    ['deleting a disabled admin', ['a'], 'd', 'delete' as const, false],
  ])('%s → %s', (_, admins, target, change, expected) => {
    expect(removesLastAdmin(admins, target, change)).toBe(expected);
  });
});
