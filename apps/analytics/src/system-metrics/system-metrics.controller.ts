import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AllowRoles } from '@gt-vision/backend-auth';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import { Roles, SystemMetricsQueryDto } from '@gt-vision/shared-types';
import { SystemMetricsResponse } from './system-metrics.responses';
import { SystemMetricsService } from './system-metrics.service';

/** The system page's charts: fixed Prometheus queries, read-only, for admins. */
@ApiTags('system-metrics')
@Controller('api/analytics/system-metrics')
@AllowRoles(Roles.admin)
export class SystemMetricsController {
  constructor(private readonly metrics: SystemMetricsService) {}

  @Get()
  @ApiOkResponse({ type: SystemMetricsResponse })
  @ApiServiceUnavailableResponse({
    type: ErrorResponseDto,
    description: 'Prometheus does not answer',
  })
  charts(@Query() query: SystemMetricsQueryDto) {
    return this.metrics.charts(query.range);
  }
}
