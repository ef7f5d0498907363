import { Controller, Get, Res } from '@nestjs/common';
import { InternalOnly } from '@gt-vision/backend-auth';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { Response } from 'express';

/**
 * `/metrics` for Prometheus only: it sends `Authorization: Bearer <INTERNAL_SERVICE_TOKEN>`. The
 * metrics reveal routes, traffic and internals, so neither anonymous callers nor users read them.
 */
// Prometheus' text format for the scraper, not part of the API.
@ApiExcludeController()
@Controller()
@InternalOnly()
export class MetricsController extends PrometheusController {
  @Get()
  override index(@Res({ passthrough: true }) response: Response) {
    return super.index(response);
  }
}
