import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal, type Principal } from '@gt-vision/backend-auth';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import { AlertQueryDto, Roles } from '@gt-vision/shared-types';
import { UuidParam } from '../common/uuid-param';
import { AlertPageResponse, AlertResponse } from './alert.responses';
import { AlertsService } from './alerts.service';

const NOT_FOUND = { type: ErrorResponseDto, description: 'No such alert' };

/** Everyone who watches sees alerts; operators and admins act on them. */
@ApiTags('alerts')
@Controller('api/alerts')
@AllowRoles(Roles.admin, Roles.operator, Roles.viewer)
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOkResponse({ type: AlertPageResponse })
  list(@Query() query: AlertQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.alerts.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: AlertResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@UuidParam() id: string, @CurrentPrincipal() principal: Principal) {
    return this.alerts.get(id, principal);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @AllowRoles(Roles.admin, Roles.operator)
  @ApiOkResponse({ type: AlertResponse, description: 'The first acknowledgement stands' })
  @ApiNotFoundResponse(NOT_FOUND)
  acknowledge(@UuidParam() id: string, @CurrentPrincipal() principal: Principal) {
    return this.alerts.acknowledge(id, principal);
  }
}
