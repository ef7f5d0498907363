import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Patch,
  Post,
  UseInterceptors,
} from '@nestjs/common';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '@gt-vision/backend-audit';
import { AllowRoles } from '@gt-vision/backend-auth';
import { CreateUserDto, UpdateUserDto } from '@gt-vision/shared-types';
import { UuidParam } from '../common/uuid-param';
import { UserResponse } from './user.responses';
import { RetryAfterInterceptor } from '../auth/retry-after.interceptor';
import { UsersService } from './users.service';

const CONFLICT = {
  type: ErrorResponseDto,
  description: 'The username is taken, or the change would leave no admin',
};

@ApiTags('users')
// Setting a password hashes it: a 503 when hashing is busy carries Retry-After, as on login.
@UseInterceptors(RetryAfterInterceptor)
@Controller('api/users')
@AllowRoles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: [UserResponse] })
  list() {
    return this.users.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  get(@UuidParam() id: string) {
    return this.users.get(id);
  }

  @Post()
  @Audited('user.created', {
    target: 'user',
    body: ['username', 'role', 'disabled', 'displayName'],
  })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse(CONFLICT)
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Patch(':id')
  @Audited('user.updated', {
    target: 'user',
    body: ['username', 'role', 'disabled', 'displayName'],
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiConflictResponse(CONFLICT)
  update(@UuidParam() id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }

  @Delete(':id')
  @Audited('user.deleted', { target: 'user' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; the user’s sessions end' })
  @ApiConflictResponse(CONFLICT)
  delete(@UuidParam() id: string) {
    return this.users.delete(id);
  }
}
