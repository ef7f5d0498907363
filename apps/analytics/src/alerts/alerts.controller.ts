import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal, type Principal } from '@gt-vision/backend-auth';
import { AlertQueryDto, Roles } from '@gt-vision/shared-types';
import { UuidParam } from '../common/uuid-param';
import { AlertsService } from './alerts.service';

/** Everyone who watches sees alerts; operators and admins act on them. */
@ApiTags('alerts')
@Controller('api/alerts')
@AllowRoles(Roles.admin, Roles.operator, Roles.viewer)
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  list(@Query() query: AlertQueryDto) {
    return this.alerts.list(query);
  }

  @Get(':id')
  get(@UuidParam() id: string) {
    return this.alerts.get(id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @AllowRoles(Roles.admin, Roles.operator)
  acknowledge(@UuidParam() id: string, @CurrentPrincipal() principal: Principal) {
    return this.alerts.acknowledge(id, principal);
  }
}
