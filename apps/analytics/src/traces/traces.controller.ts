import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AllowRoles } from '@gt-vision/backend-auth';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import { Roles, TraceIdParamDto, TraceSearchQueryDto } from '@gt-vision/shared-types';
import { TraceDetailResponse, TraceSearchResponse } from './traces.responses';
import { TracesService } from './traces.service';

/** Traces for SREs (no Jaeger UI on the allowed sources): read-only, fixed shapes, for admins. */
@ApiTags('traces')
@Controller('api/analytics/traces')
@AllowRoles(Roles.admin)
@ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'Jaeger does not answer' })
export class TracesController {
  constructor(private readonly traces: TracesService) {}

  @Get()
  @ApiOkResponse({ type: TraceSearchResponse })
  search(@Query() query: TraceSearchQueryDto) {
    return this.traces.search(query);
  }

  @Get(':traceId')
  @ApiOkResponse({ type: TraceDetailResponse })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'The store does not hold the trace' })
  trace(@Param() params: TraceIdParamDto) {
    return this.traces.trace(params.traceId);
  }
}
