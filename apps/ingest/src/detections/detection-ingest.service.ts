import { BadRequestException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { Principal } from '@gt-vision/backend-auth';
import type {
  ErrorDetail,
  IngestAcceptedResponse,
  IngestDetectionBatchDto,
  IngestDetectionDto,
} from '@gt-vision/shared-types';
import { CameraDirectory } from '../cameras/camera-directory';
import { IngestRateLimiter } from '../rate-limit/ingest-rate-limiter';
import { captureTimeDetails } from './capture-time';
import { sourceOfApiKey, toDetectionEvent } from './detection.mapper';
import { DetectionPublisher } from './detection.publisher';
import { IngestConfig } from './ingest.config';

/** Names a field of the request: `capturedAt` for the single endpoint, `items.3.capturedAt` for a batch. */
type FieldPrefix = (index: number) => string;
const SINGLE: FieldPrefix = () => '';
const BATCH: FieldPrefix = (index) => `items.${index}.`;

/**
 * Accepts detections that passed the DTO validation: checks what needs the clock or the registry
 * (capture time window, camera known with LPR on), the rate limits, then publishes them and answers
 * only once they are durable. All items of a request are accepted together or none is.
 */
@Injectable()
export class DetectionIngestService {
  constructor(
    private readonly cameras: CameraDirectory,
    private readonly limits: IngestRateLimiter,
    private readonly publisher: DetectionPublisher,
    private readonly config: IngestConfig,
  ) {}

  ingestOne(item: IngestDetectionDto, caller: Principal): Promise<IngestAcceptedResponse> {
    return this.ingest([item], caller, SINGLE);
  }

  async ingestBatch(
    batch: IngestDetectionBatchDto,
    caller: Principal,
  ): Promise<IngestAcceptedResponse> {
    const count = batch.items.length;
    if (count === 0 || count > this.config.INGEST_BATCH_MAX) {
      const problem = `items must hold 1 to ${this.config.INGEST_BATCH_MAX} detections (got ${count})`;
      throw new BadRequestException({ message: problem, details: [{ field: 'items', problem }] });
    }
    return this.ingest(batch.items, caller, BATCH);
  }

  private async ingest(
    items: readonly IngestDetectionDto[],
    caller: Principal,
    prefix: FieldPrefix,
  ): Promise<IngestAcceptedResponse> {
    const receivedAt = new Date();
    const timeDetails = captureTimeDetails(items, receivedAt.getTime(), prefix);
    if (timeDetails.length > 0) {
      throw new BadRequestException({ message: summary(timeDetails), details: timeDetails });
    }
    await this.limits.admitCaller(caller, items.length);
    await this.checkCameras(items, prefix);
    await this.limits.admitCameras(countByCamera(items));

    const source = caller.kind === 'api-key' ? sourceOfApiKey(caller) : 'gt-vision';
    const events = items.map((item) =>
      toDetectionEvent(item, { source, receivedAt: receivedAt.toISOString() }),
    );
    await this.publisher.publish(events);
    return { accepted: events.length, ids: events.map((event) => event.id) };
  }

  /** 422 naming each item whose camera is unknown or does not have plate recognition on. */
  private async checkCameras(items: readonly IngestDetectionDto[], prefix: FieldPrefix) {
    const cameras = await this.cameras.getMany([...new Set(items.map((item) => item.cameraId))]);
    const details: ErrorDetail[] = [];
    items.forEach((item, index) => {
      const camera = cameras.get(item.cameraId);
      const field = `${prefix(index)}cameraId`;
      if (!camera) details.push({ field, problem: `camera ${item.cameraId} does not exist` });
      else if (!camera.lpr.enabled) {
        details.push({ field, problem: `camera ${item.cameraId} does not have LPR enabled` });
      }
    });
    if (details.length > 0) {
      throw new UnprocessableEntityException({ message: summary(details), details });
    }
  }
}

function countByCamera(items: readonly IngestDetectionDto[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { cameraId } of items) counts.set(cameraId, (counts.get(cameraId) ?? 0) + 1);
  return counts;
}

/** The first problems as the message; `details` carries all of them. */
function summary(details: ErrorDetail[]): string {
  const shown = details.slice(0, 3).map((detail) => `${detail.field}: ${detail.problem}`);
  const more = details.length > 3 ? ` (and ${details.length - 3} more)` : '';
  return shown.join('; ') + more;
}
