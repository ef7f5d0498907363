import type { Frame } from '../readers/reader-process';
import type { SkipReason } from '../metrics/frame.metrics';

export interface SchedulerOptions {
  concurrency: number;
  maxAgeMs: number;
  now?: () => number;
}

/**
 * Between the readers and the engine: at most one frame waiting per camera (a newer frame replaces
 * it, counted "superseded"), at most one in flight per camera, and at most `concurrency` in flight in
 * all. Memory is bounded by the number of cameras, whatever the engine's speed. Cameras are served in
 * the order they started waiting, so a busy camera cannot starve the others.
 */
export class FrameScheduler {
  private readonly waiting = new Map<number, Frame>();
  private readonly inFlight = new Set<number>();
  private readonly now: () => number;

  constructor(
    private readonly options: SchedulerOptions,
    private readonly process: (frame: Frame) => Promise<void>,
    private readonly skipped: (reason: SkipReason) => void,
  ) {
    this.now = options.now ?? Date.now;
  }

  offer(frame: Frame): void {
    if (this.waiting.has(frame.cameraId)) this.skipped('superseded');
    this.waiting.set(frame.cameraId, frame);
    this.pump();
  }

  /** Drops a camera's waiting frame (its lease or LPR went away); one in flight finishes. */
  forget(cameraId: number): void {
    this.waiting.delete(cameraId);
  }

  get waitingCount(): number {
    return this.waiting.size;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  private pump(): void {
    for (const [cameraId, frame] of this.waiting) {
      if (this.inFlight.size >= this.options.concurrency) return;
      if (this.inFlight.has(cameraId)) continue;
      this.waiting.delete(cameraId);
      if (this.now() - frame.takenAt > this.options.maxAgeMs) {
        this.skipped('stale');
        continue;
      }
      this.inFlight.add(cameraId);
      void this.process(frame).finally(() => {
        this.inFlight.delete(cameraId);
        this.pump();
      });
    }
  }
}
