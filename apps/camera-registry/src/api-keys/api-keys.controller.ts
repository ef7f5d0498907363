import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Audited } from '@gt-vision/backend-audit';
import { AllowRoles, CurrentPrincipal, type Principal } from '@gt-vision/backend-auth';
import { CreateApiKeyDto } from '@gt-vision/shared-types';
import { UuidParam } from '../common/uuid-param';
import { ApiKeyResponse, CreatedApiKeyResponse } from './api-key.responses';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@Controller('api/auth/api-keys')
@AllowRoles('admin')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @Audited('api-key.created', { target: 'api-key', body: ['name', 'role'] })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse, description: '`key` is shown this once' })
  create(@Body() dto: CreateApiKeyDto, @CurrentPrincipal() principal: Principal) {
    return this.apiKeys.create(dto, principal);
  }

  @Get()
  @ApiOkResponse({ type: [ApiKeyResponse] })
  list() {
    return this.apiKeys.list();
  }

  @Delete(':id')
  @Audited('api-key.revoked', { target: 'api-key' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked; the key stops working at once' })
  revoke(@UuidParam() id: string) {
    return this.apiKeys.revoke(id);
  }
}
