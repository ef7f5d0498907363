import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ALLOWED_ROLES, AllowRoles, IS_PUBLIC, Public } from './auth.decorators';

@AllowRoles('admin')
@Controller('things')
class ThingsController {
  @Get()
  list() {
    return [];
  }

  @Public()
  @Get('open')
  open() {
    return [];
  }

  @AllowRoles('admin', 'operator', 'viewer')
  @Get('shared')
  shared() {
    return [];
  }
}

describe('auth decorators', () => {
  const reflector = new Reflector();
  const handler = (name: keyof ThingsController) => ThingsController.prototype[name];
  const roles = (name: keyof ThingsController) =>
    reflector.getAllAndOverride(ALLOWED_ROLES, [handler(name), ThingsController]);

  it('marks only the opted-out routes public', () => {
    expect(reflector.get(IS_PUBLIC, handler('open'))).toBe(true);
    expect(reflector.get(IS_PUBLIC, handler('list'))).toBeUndefined();
  });

  it('lets a handler widen or narrow the roles its controller allows', () => {
    expect(roles('list')).toEqual(['admin']);
    expect(roles('shared')).toEqual(['admin', 'operator', 'viewer']);
  });
});
