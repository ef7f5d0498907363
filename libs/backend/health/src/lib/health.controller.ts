import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { Public } from '@gt-vision/backend-auth';
import type { HealthResponse } from '@gt-vision/shared-types';
import type { Response } from 'express';
import { HealthResponseDto } from './health.responses';
import { READINESS_CHECKS, type ReadinessCheckClass } from './health.tokens';
import { ReadinessCheck, withTimeout } from './readiness-check';
import { ShutdownState } from './shutdown.state';

const PROBE_TIMEOUT_MS = 2000;

/** Public: the edge, the supervisor and orchestrators probe it without credentials. */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  private checks?: ReadinessCheck[];

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly shutdown: ShutdownState,
    private readonly moduleRef: ModuleRef,
    @Inject(READINESS_CHECKS) private readonly checkClasses: ReadinessCheckClass[],
  ) {}

  /** Liveness says only that the process serves requests; dependencies must not make it restart. */
  @Get('live')
  @ApiOkResponse({ type: HealthResponseDto })
  live(): HealthResponse {
    return { status: 'ok' };
  }

  /** Answers in terminus' shape, not the API error shape: probes and operators read its per-check detail. */
  @Get('ready')
  @ApiOkResponse({ type: HealthResponseDto, description: 'Every dependency is up' })
  @ApiServiceUnavailableResponse({
    type: HealthResponseDto,
    description: 'A dependency is down (see `error`), or the service is shutting down',
  })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    if (this.shutdown.draining) {
      res.status(503);
      return { status: 'shutting_down' };
    }
    try {
      return await this.health.check(this.resolveChecks().map((check) => () => this.run(check)));
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthResponse;
    }
  }

  private async run(check: ReadinessCheck): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(check.name);
    try {
      const details = await withTimeout(check.probe(), PROBE_TIMEOUT_MS, check.name);
      return session.up(details ?? {});
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Checks live in the modules that own each dependency; they are looked up once, on first use. */
  private resolveChecks(): ReadinessCheck[] {
    this.checks ??= this.checkClasses.map((cls) => this.moduleRef.get(cls, { strict: false }));
    return this.checks;
  }
}
