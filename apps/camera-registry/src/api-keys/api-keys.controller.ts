import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal, type Principal } from '@gt-vision/backend-auth';
import { CreateApiKeyDto } from '@gt-vision/shared-types';
import { UuidParam } from '../common/uuid-param';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@Controller('api/auth/api-keys')
@AllowRoles('admin')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  create(@Body() dto: CreateApiKeyDto, @CurrentPrincipal() principal: Principal) {
    return this.apiKeys.create(dto, principal);
  }

  @Get()
  list() {
    return this.apiKeys.list();
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@UuidParam() id: string) {
    return this.apiKeys.revoke(id);
  }
}
