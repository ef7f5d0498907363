import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { withSpan } from '@gt-vision/backend-tracing';
import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import { BrokenCircuitError } from 'cockatiel';
import type { Counter, Gauge } from 'prom-client';
import { CameraSetService } from '../cameras/camera-set.service';
import { DetectionConfig, EngineConfig } from '../config/frame-extraction.config';
import { Deduper } from '../detections/dedupe';
import { DetectionPublisher } from '../detections/detection.publisher';
import { toDetectionEvent } from '../detections/detection.mapper';
import type { VehicleDetection } from '../detections/plate-read';
import { FrameScheduler } from '../dispatch/frame-scheduler';
import { EngineClient } from '../engine/engine.client';
import { LeaseService } from '../leases/lease.service';
import {
  CAMERA_LAG,
  FRAMES_SENT,
  FRAMES_SKIPPED,
  FRAMES_TAKEN,
  FRAMES_WAITING,
  READS_MERGED,
  type SkipReason,
} from '../metrics/frame.metrics';
import { ReaderPool } from '../readers/reader-pool';
import type { Frame } from '../readers/reader-process';
import { SnapshotWriter } from '../snapshots/snapshot.writer';

const DEDUPE_FLUSH_MS = 250;

/**
 * The path of a frame: leased cameras → readers → scheduler (newest frame per camera) → engine →
 * dedupe → snapshot on disk → detection on Kafka. Only cameras this replica holds a lease on are read.
 */
@Injectable()
export class PipelineService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Pipeline');
  private readonly scheduler: FrameScheduler;
  private readonly deduper: Deduper;
  private reading = new Set<number>();
  private flushTimer: NodeJS.Timeout | undefined;
  private lastEngineError: string | undefined;

  constructor(
    private readonly cameras: CameraSetService,
    private readonly leases: LeaseService,
    private readonly readers: ReaderPool,
    private readonly engine: EngineClient,
    private readonly snapshots: SnapshotWriter,
    private readonly publisher: DetectionPublisher,
    engineConfig: EngineConfig,
    detectionConfig: DetectionConfig,
    @InjectMetric(FRAMES_TAKEN) private readonly taken: Counter,
    @InjectMetric(FRAMES_SENT) private readonly sent: Counter,
    @InjectMetric(FRAMES_SKIPPED) private readonly skipped: Counter,
    @InjectMetric(CAMERA_LAG) private readonly lag: Gauge,
    @InjectMetric(FRAMES_WAITING) private readonly waiting: Gauge,
    @InjectMetric(READS_MERGED) merged: Counter,
  ) {
    this.scheduler = new FrameScheduler(
      { concurrency: engineConfig.LPR_ENGINE_CONCURRENCY, maxAgeMs: engineConfig.FRAME_MAX_AGE_MS },
      (frame) => this.recognise(frame),
      (reason) => this.skip(reason),
    );
    this.deduper = new Deduper(
      {
        windowMs: detectionConfig.DEDUPE_WINDOW_MS,
        confident: detectionConfig.DEDUPE_CONFIDENT,
        holdMs: detectionConfig.DEDUPE_HOLD_MS,
      },
      () => merged.inc(),
    );
  }

  onApplicationBootstrap(): void {
    this.readers.onFrame((frame) => {
      if (!this.reading.has(frame.cameraId)) return;
      this.taken.inc();
      this.scheduler.offer(frame);
      this.waiting.set(this.scheduler.waitingCount);
    });
    this.cameras.onChange(() => this.leases.nudge());
    this.leases.start({
      desired: () => this.cameras.current()?.map((camera) => camera.id) ?? null,
      release: (ids) => this.stopReading(ids),
      held: (ids) => this.read(ids),
    });
    this.flushTimer = setInterval(
      () => this.emitAll(this.deduper.flush(Date.now())),
      DEDUPE_FLUSH_MS,
    );
  }

  onApplicationShutdown(): void {
    clearInterval(this.flushTimer);
  }

  /**
   * Reads exactly the held cameras that still have LPR on, at their current rate. Everything up to
   * handing the set to the readers happens at once: the lease ticks do not wait for this, and a release
   * in between must not be undone by a set decided before it.
   */
  private async read(held: number[]): Promise<void> {
    const known = new Map((this.cameras.current() ?? []).map((camera) => [camera.id, camera]));
    const inputs = held
      .map((id) => known.get(id))
      .filter((camera) => camera !== undefined)
      .map((camera) => ({ cameraId: camera.id, path: camera.path, fps: camera.lpr.fps }));
    const next = new Set(inputs.map((input) => input.cameraId));
    this.forget([...this.reading].filter((id) => !next.has(id)));
    this.reading = next;
    await this.readers.setCameras(inputs);
  }

  private forget(ids: number[]): void {
    for (const id of ids) {
      this.reading.delete(id);
      this.scheduler.forget(id);
      this.lag.remove({ camera: String(id) });
      this.emitAll(this.deduper.forget(id));
    }
  }

  private async stopReading(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    this.forget(ids);
    const remaining = new Set(this.reading);
    await this.readers.setCameras(
      (this.cameras.current() ?? [])
        .filter((camera) => remaining.has(camera.id))
        .map((camera) => ({ cameraId: camera.id, path: camera.path, fps: camera.lpr.fps })),
    );
  }

  /**
   * Each frame is a trace of its own: the call to the LPR engine, and the detection it completes (through
   * Kafka to analytics), are its children.
   */
  private recognise(frame: Frame): Promise<void> {
    const attributes = { 'gtv.camera.id': frame.cameraId };
    const start = { kind: SpanKind.INTERNAL, attributes, parent: ROOT_CONTEXT };
    return withSpan('recognise frame', start, () => this.recogniseNow(frame));
  }

  private async recogniseNow(frame: Frame): Promise<void> {
    try {
      const result = await this.engine.recognize(frame.jpeg);
      this.sent.inc();
      const now = Date.now();
      this.lag.set({ camera: String(frame.cameraId) }, (now - frame.takenAt) / 1000);
      if (this.lastEngineError) this.logger.log('LPR engine answering again');
      this.lastEngineError = undefined;
      if (!this.reading.has(frame.cameraId)) return;
      for (const plate of result.plates) {
        const detection = this.deduper.add(
          {
            cameraId: frame.cameraId,
            plate: plate.text,
            confidence: plate.confidence,
            bbox: plate.bbox,
            alternatives: plate.alternatives,
            capturedAt: frame.takenAt,
            jpeg: frame.jpeg,
          },
          now,
        );
        if (detection) this.emitAll([detection]);
      }
    } catch (error) {
      const reason: SkipReason =
        error instanceof BrokenCircuitError ? 'breaker-open' : 'engine-error';
      this.skip(reason);
      const message = (error as Error).message;
      if (reason === 'engine-error' && message !== this.lastEngineError) {
        this.logger.warn(`frame of camera ${frame.cameraId} not recognised: ${message}`);
      }
      this.lastEngineError = message;
    }
  }

  private skip(reason: SkipReason): void {
    this.skipped.inc({ reason });
  }

  private emitAll(detections: VehicleDetection[]): void {
    for (const detection of detections) void this.emit(detection);
  }

  /** The snapshot is on disk before the detection is published; without it, the detection still goes. */
  private async emit(detection: VehicleDetection): Promise<void> {
    const event = toDetectionEvent(detection, new Date());
    try {
      await this.snapshots.write(event.snapshotRef as string, detection.best.jpeg);
    } catch (error) {
      this.logger.error(`snapshot of ${event.id} not written: ${(error as Error).message}`);
      event.snapshotRef = null;
    }
    this.publisher.publish(event);
  }
}
