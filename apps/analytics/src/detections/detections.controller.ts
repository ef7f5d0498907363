import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Audited, Auditor } from '@gt-vision/backend-audit';
import { AllowRoles, CurrentPrincipal, type Principal } from '@gt-vision/backend-auth';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import {
  DetectionSearchQueryDto,
  Roles,
  type DetectionResponseDto,
  type Page,
} from '@gt-vision/shared-types';
import { DetectionIdParams } from './detection-id.params';
import { DetectionPageResponse, DetectionResponse } from './detection.responses';
import { DetectionsService } from './detections.service';

const NOT_FOUND = {
  type: ErrorResponseDto,
  description: 'No such detection (or not of a camera granted to you), or no snapshot',
};

/** People read detections; integrator API keys write them (ingest) and may not browse them. */
@ApiTags('detections')
@Controller('api/detections')
@AllowRoles(Roles.admin, Roles.operator, Roles.viewer)
export class DetectionsController {
  constructor(
    private readonly detections: DetectionsService,
    private readonly auditor: Auditor,
  ) {}

  @Get()
  @Audited('plate.search', { query: true, reason: 'plate-search' })
  @ApiOkResponse({ type: DetectionPageResponse })
  search(
    @Query() query: DetectionSearchQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<DetectionResponseDto>> {
    return this.detections.search(query, principal);
  }

  @Get(':id')
  @Audited('detection.viewed', { target: 'detection' })
  @ApiOkResponse({ type: DetectionResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  get(
    @Param() { id }: DetectionIdParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DetectionResponseDto> {
    return this.detections.get(id, principal);
  }

  @Get(':id/snapshot')
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'The JPEG evidence', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse(NOT_FOUND)
  async snapshot(
    @Param() { id }: DetectionIdParams,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const snapshot = await this.detections.snapshot(id, principal);
    // Recorded before the image leaves (the interceptor would run after the stream started).
    await this.auditor.record(req, { action: 'snapshot.viewed', target: `detection:${id}` });
    if (snapshot.kind === 'external') return res.redirect(302, snapshot.url);
    res.set({
      'content-type': 'image/jpeg',
      'content-length': String(snapshot.size),
      'cache-control': 'private, max-age=3600',
    });
    snapshot.stream.on('error', () => res.destroy()).pipe(res);
  }
}
