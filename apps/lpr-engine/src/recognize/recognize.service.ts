import {
  BadRequestException,
  Injectable,
  Logger,
  OnModuleInit,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { RecognizeResponse } from '@gt-vision/shared-types';
import type { Counter, Histogram } from 'prom-client';
import { loadOcrModels } from '../ocr/ocr-models';
import { InvalidImageError, PlateReader } from '../ocr/plate-reader';
import { LprEngineConfig } from './lpr-engine.config';
import { DURATION_METRIC, FRAMES_METRIC, PLATES_METRIC } from './recognize.metrics';

/**
 * Reads frames one at a time, in arrival order: the models run on one thread each, so two frames at
 * once would only take turns on the same core. At most LPR_MAX_QUEUED_FRAMES wait; beyond that a
 * caller gets 503 at once and should send its next, newer frame instead.
 */
@Injectable()
export class RecognizeService implements OnModuleInit {
  private readonly logger = new Logger(RecognizeService.name);
  private reader?: PlateReader;
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly config: LprEngineConfig,
    @InjectMetric(FRAMES_METRIC) private readonly frames: Counter<string>,
    @InjectMetric(PLATES_METRIC) private readonly platesFound: Counter<string>,
    @InjectMetric(DURATION_METRIC) private readonly duration: Histogram<string>,
  ) {}

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    this.reader = new PlateReader(await loadOcrModels(this.config.LPR_MODELS_DIR));
    this.logger.log(`PP-OCRv4 models loaded in ${Date.now() - started} ms`);
  }

  get ready(): boolean {
    return this.reader !== undefined;
  }

  async recognize(body: unknown): Promise<RecognizeResponse> {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new BadRequestException({
        message: 'send the frame as the request body with content-type image/jpeg',
        details: [{ field: 'body', problem: 'must be a JPEG image (content-type: image/jpeg)' }],
      });
    }
    const reader = this.reader;
    if (!reader) throw new ServiceUnavailableException('models are still loading; retry shortly');
    if (this.waiting > this.config.LPR_MAX_QUEUED_FRAMES) {
      this.frames.inc({ outcome: 'busy' });
      throw new ServiceUnavailableException('engine busy: send a newer frame later');
    }
    this.waiting++;
    const turn = this.tail.then(() => this.readOne(reader, body));
    this.tail = turn.catch(() => undefined);
    try {
      return await turn;
    } finally {
      this.waiting--;
    }
  }

  private async readOne(reader: PlateReader, jpeg: Buffer): Promise<RecognizeResponse> {
    const started = performance.now();
    try {
      const reading = await reader.read(jpeg);
      const elapsed = performance.now() - started;
      this.duration.observe(elapsed / 1000);
      this.frames.inc({ outcome: 'recognised' });
      for (const plate of reading.plates) this.platesFound.inc({ format: plate.format });
      return { ...reading, elapsedMs: Math.round(elapsed) };
    } catch (error) {
      if (!(error instanceof InvalidImageError)) throw error;
      this.frames.inc({ outcome: 'invalid' });
      throw new BadRequestException({
        message: 'the body is not a decodable JPEG image',
        details: [{ field: 'body', problem: `must be a JPEG image: ${error.message}` }],
      });
    }
  }
}
