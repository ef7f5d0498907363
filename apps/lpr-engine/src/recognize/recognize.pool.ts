import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
// sharp is loaded on the main thread before any worker: on glibc Linux its shared libraries must stay
// loaded until every worker thread has ended (sharp's documentation on worker threads).
import 'sharp';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { LprEngineConfig } from './lpr-engine.config';
import type { RecognizeWorkerData, WorkerReading } from './recognize.worker';

/** The worker script: the bundle's second entry point (webpack.config.js), next to main.js. */
export const RECOGNIZE_WORKER_FILE = Symbol('RECOGNIZE_WORKER_FILE');
export const recognizeWorkerFile = {
  provide: RECOGNIZE_WORKER_FILE,
  useValue: join(__dirname, 'recognize.worker.js'),
};

/** piscina's refusals when every worker is busy and its queue (maxQueue) is full. */
const PISCINA_QUEUE_FULL = /^(Task queue is at limit|No task queue available)/;

/** A frame refused because LPR_MAX_QUEUED_FRAMES already wait for a worker. */
export class EngineBusyError extends Error {}

/**
 * LPR_WORKERS worker threads (piscina), each with its own model sessions, reading one frame at a
 * time. Frames wait in piscina's queue, bounded by LPR_MAX_QUEUED_FRAMES: a caller beyond that is
 * told at once, so it can skip the frame rather than queue behind stale ones.
 */
@Injectable()
export class RecognizePool implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RecognizePool');
  private pool?: Piscina<Uint8Array, WorkerReading>;

  constructor(
    private readonly config: LprEngineConfig,
    @Inject(RECOGNIZE_WORKER_FILE) private readonly workerFile: string,
  ) {}

  /** Resolves once a worker has its models loaded; fails start-up if they cannot be loaded. */
  async onModuleInit(): Promise<void> {
    const started = Date.now();
    const workerData: RecognizeWorkerData = {
      modelsDir: this.config.LPR_MODELS_DIR,
      intraOpThreads: this.config.LPR_INTRA_OP_THREADS,
      detectorMaxSide: this.config.LPR_DETECTOR_MAX_SIDE,
    };
    const pool = new Piscina<Uint8Array, WorkerReading>({
      filename: this.workerFile,
      minThreads: this.config.LPR_WORKERS,
      maxThreads: this.config.LPR_WORKERS,
      maxQueue: this.config.LPR_MAX_QUEUED_FRAMES,
      // A worker lives for the process: models take about a second to load.
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData,
    });
    // An empty frame is answered as "not an image" once the models are loaded: a warm-up, not a read.
    await pool.run(new Uint8Array(0));
    this.pool = pool;
    this.logger.log(
      `PP-OCRv4 models loaded in ${Date.now() - started} ms; ${this.config.LPR_WORKERS} worker(s) × ${this.config.LPR_INTRA_OP_THREADS} intra-op thread(s), detector at ${this.config.LPR_DETECTOR_MAX_SIDE} px`,
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.destroy();
  }

  get ready(): boolean {
    return this.pool !== undefined;
  }

  /** Frames waiting for a worker now. */
  get queued(): number {
    return this.pool?.queueSize ?? 0;
  }

  async read(jpeg: Buffer): Promise<WorkerReading> {
    const pool = this.pool;
    if (!pool) throw new Error('models are still loading');
    // A copy of exactly the frame: a view would clone the whole (possibly pooled) buffer behind it.
    return pool.run(new Uint8Array(jpeg)).catch((error: Error) => {
      throw PISCINA_QUEUE_FULL.test(error.message) ? new EngineBusyError(error.message) : error;
    });
  }
}
