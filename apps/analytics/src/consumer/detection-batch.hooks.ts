import { Injectable, Logger } from '@nestjs/common';
import type { DetectionEventV1 } from '@gt-vision/shared-types';
import type { Tx } from '@gt-vision/backend-database';

/**
 * Work that must happen with the storing of detections, atomically: e.g. matching watchlists and
 * writing alerts (and their outbox rows). Called once per consumed batch, inside the transaction that
 * inserted it, with only the detections that batch actually inserted: a re-delivered message was
 * inserted before, so it is not passed again and raises nothing twice. A hook that throws rolls the
 * whole batch back; its offsets are not committed and Kafka delivers it again.
 *
 * `onDetectionsCommitted` follows once that transaction has committed (e.g. wake the outbox relay,
 * feed the live overlay): what it does is not part of the batch and must not throw.
 */
export interface DetectionBatchHook {
  readonly name: string;
  onDetectionsStored(tx: Tx, detections: DetectionEventV1[]): Promise<void>;
  onDetectionsCommitted?(detections: DetectionEventV1[]): void;
}

/**
 * The hooks the sink calls, in registration order. A module registers its hook at start-up:
 * `constructor(hooks: DetectionBatchHooks) {}` then `onModuleInit() { this.hooks.register(this); }`.
 * (Nest has no multi-providers; a registry keeps the sink free of knowing who listens.)
 */
@Injectable()
export class DetectionBatchHooks {
  private readonly logger = new Logger(DetectionBatchHooks.name);
  private readonly hooks: DetectionBatchHook[] = [];

  register(hook: DetectionBatchHook): void {
    this.hooks.push(hook);
  }

  async run(tx: Tx, detections: DetectionEventV1[]): Promise<void> {
    if (detections.length === 0) return;
    for (const hook of this.hooks) await hook.onDetectionsStored(tx, detections);
  }

  /** After the commit of a batch `run` was given. */
  committed(detections: DetectionEventV1[]): void {
    if (detections.length === 0) return;
    for (const hook of this.hooks) {
      try {
        hook.onDetectionsCommitted?.(detections);
      } catch (error) {
        this.logger.error(`${hook.name} after commit: ${(error as Error).message}`);
      }
    }
  }
}
