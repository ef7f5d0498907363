import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal, type Principal } from '@gt-vision/backend-auth';
import { Roles } from '@gt-vision/shared-types';
import { DashboardResponse } from './dashboard.responses';
import { DashboardService } from './dashboard.service';

@ApiTags('analytics')
@Controller('api/analytics')
@AllowRoles(Roles.admin, Roles.operator, Roles.viewer)
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** Sent as the cached JSON text: no parse and re-serialise on the way out. */
  @Get('dashboard')
  @Header('content-type', 'application/json; charset=utf-8')
  @Header('cache-control', 'private, max-age=5')
  @ApiOkResponse({ type: DashboardResponse })
  dashboardView(@CurrentPrincipal() principal: Principal): Promise<string> {
    return this.dashboard.dashboardJson(principal);
  }
}
