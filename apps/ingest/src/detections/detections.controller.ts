import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import { AllowRoles, CurrentPrincipal, type Principal } from '@gt-vision/backend-auth';
import type { ExpectedHttpAnswer } from '@gt-vision/backend-metrics';
import {
  IngestDetectionBatchDto,
  IngestDetectionDto,
  Roles,
  type IngestAcceptedResponse,
} from '@gt-vision/shared-types';
import { DetectionIngestService } from './detection-ingest.service';
import { IngestAccepted } from './detections.responses';

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
};

const INGEST_ROUTE = 'api/ingest/lpr';

/** The accepted answers, charted ("Ingest latency") from the first detection after a start on. */
export const INGEST_ACCEPTED: readonly ExpectedHttpAnswer[] = [
  { method: 'POST', route: `/${INGEST_ROUTE}`, status: HttpStatus.ACCEPTED },
  { method: 'POST', route: `/${INGEST_ROUTE}/batch`, status: HttpStatus.ACCEPTED },
];

/** Machine clients (API keys with the integrator role) push plate detections. */
@ApiTags('ingest')
@ApiUnprocessableEntityResponse({
  type: ErrorResponseDto,
  description: 'A camera does not exist or does not have LPR enabled; `details` names each item',
})
@ApiTooManyRequestsResponse({
  type: ErrorResponseDto,
  headers: RETRY_AFTER,
  description: 'Over the API key’s or a camera’s detection rate',
})
@ApiServiceUnavailableResponse({
  type: ErrorResponseDto,
  headers: RETRY_AFTER,
  description: 'Kafka or the camera registry is unavailable: nothing was acknowledged',
})
@Controller(INGEST_ROUTE)
@AllowRoles(Roles.integrator)
export class DetectionsController {
  constructor(private readonly ingest: DetectionIngestService) {}

  /** One detection; `202` once it is durable in Kafka. */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: IngestAccepted, description: 'Durable in Kafka' })
  one(
    @Body() body: IngestDetectionDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<IngestAcceptedResponse> {
    return this.ingest.ingestOne(body, caller);
  }

  /** Up to `INGEST_BATCH_MAX` detections, all accepted or none; `202` once all are durable. */
  @Post('batch')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: IngestAccepted, description: 'All durable in Kafka' })
  batch(
    @Body() body: IngestDetectionBatchDto,
    @CurrentPrincipal() caller: Principal,
  ): Promise<IngestAcceptedResponse> {
    return this.ingest.ingestBatch(body, caller);
  }
}
