import { BadRequestException, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { RecognizeResponse } from '@gt-vision/shared-types';
import type { Counter, Histogram } from 'prom-client';
import { EngineBusyError, RecognizePool } from './recognize.pool';
import { DURATION_METRIC, FRAMES_METRIC, PLATES_METRIC } from './recognize.metrics';

/**
 * Validates a frame, hands it to the worker pool (recognize.pool.ts) and turns the worker's answer
 * into the HTTP contract and metrics. Nothing here blocks the event loop: reading runs on workers.
 */
@Injectable()
export class RecognizeService {
  constructor(
    private readonly pool: RecognizePool,
    @InjectMetric(FRAMES_METRIC) private readonly frames: Counter<string>,
    @InjectMetric(PLATES_METRIC) private readonly platesFound: Counter<string>,
    @InjectMetric(DURATION_METRIC) private readonly duration: Histogram<string>,
  ) {}

  get ready(): boolean {
    return this.pool.ready;
  }

  async recognize(body: unknown): Promise<RecognizeResponse> {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new BadRequestException({
        message: 'send the frame as the request body with content-type image/jpeg',
        details: [{ field: 'body', problem: 'must be a JPEG image (content-type: image/jpeg)' }],
      });
    }
    if (!this.pool.ready) {
      throw new ServiceUnavailableException('models are still loading; retry shortly');
    }
    const answer = await this.pool.read(body).catch((error: unknown) => {
      if (!(error instanceof EngineBusyError)) throw error;
      this.frames.inc({ outcome: 'busy' });
      throw new ServiceUnavailableException('engine busy: send a newer frame later');
    });
    if (!answer.ok) {
      this.frames.inc({ outcome: 'invalid' });
      throw new BadRequestException({
        message: 'the body is not a decodable JPEG image',
        details: [{ field: 'body', problem: `must be a JPEG image: ${answer.invalidImage}` }],
      });
    }
    this.duration.observe(answer.elapsedMs / 1000);
    this.frames.inc({ outcome: 'recognised' });
    for (const plate of answer.reading.plates) this.platesFound.inc({ format: plate.format });
    return { ...answer.reading, elapsedMs: Math.round(answer.elapsedMs) };
  }
}
