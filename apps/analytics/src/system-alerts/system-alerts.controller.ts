import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiExcludeController,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AllowRoles, InternalOnly } from '@gt-vision/backend-auth';
import { AlertmanagerWebhookDto, Roles, SystemAlertQueryDto } from '@gt-vision/shared-types';
import { SystemAlertListResponse } from './system-alert.responses';
import { SystemAlertsService } from './system-alerts.service';

/** What Prometheus' rules fire, for admins: the console's system page. */
@ApiTags('system-alerts')
@Controller('api/analytics/system-alerts')
@AllowRoles(Roles.admin)
export class SystemAlertsController {
  constructor(private readonly alerts: SystemAlertsService) {}

  @Get()
  @ApiOkResponse({ type: SystemAlertListResponse })
  list(@Query() query: SystemAlertQueryDto) {
    return this.alerts.list(query);
  }
}

/**
 * Alertmanager's webhook receiver. Only the internal service identity (Alertmanager sends its
 * token) may call it, and the edge does not route `/internal/`: it is not part of the public API.
 */
@ApiExcludeController()
@Controller('internal/alertmanager')
@InternalOnly()
export class AlertmanagerReceiverController {
  constructor(private readonly alerts: SystemAlertsService) {}

  @Post()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Stored' })
  receive(@Body() notification: AlertmanagerWebhookDto) {
    return this.alerts.receive(notification);
  }
}
