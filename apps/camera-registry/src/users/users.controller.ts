import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { AllowRoles } from '@gt-vision/backend-auth';
import { CreateUserDto, UpdateUserDto } from '@gt-vision/shared-types';
import { UuidParam } from '../common/uuid-param';
import { UsersService } from './users.service';

@Controller('api/users')
@AllowRoles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list() {
    return this.users.list();
  }

  @Get(':id')
  get(@UuidParam() id: string) {
    return this.users.get(id);
  }

  @Post()
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Patch(':id')
  update(@UuidParam() id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@UuidParam() id: string) {
    return this.users.delete(id);
  }
}
