import { Injectable, Logger } from '@nestjs/common';
import type { DetectionEventV1 } from '@gt-vision/shared-types';
import type { Tx } from '@gt-vision/backend-database';

/** What a hook does once the batch's transaction has committed; it must not throw. */
export type AfterCommit = () => void;

/**
 * Work that must happen with the storing of detections, atomically: e.g. matching watchlists and
 * writing alerts (and their outbox rows). Called once per consumed batch, inside the transaction that
 * inserted it, with only the detections that batch actually inserted: a re-delivered message was
 * inserted before, so it is not passed again and raises nothing twice. A hook that throws rolls the
 * whole batch back; its offsets are not committed and Kafka delivers it again.
 *
 * What may only follow the commit (wake the outbox relay, count what was raised, feed the live
 * overlay) is returned as an `AfterCommit`, run once that very transaction has committed and never
 * when it rolls back: batches of several partitions are stored at once, so a hook's state shared
 * between calls could not tell whose commit it is.
 */
export interface DetectionBatchHook {
  readonly name: string;
  onDetectionsStored(tx: Tx, detections: DetectionEventV1[]): Promise<AfterCommit | void>;
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

  /** In the batch's transaction; answers what to run after its commit (`committed`). */
  async run(tx: Tx, detections: DetectionEventV1[]): Promise<Map<string, AfterCommit>> {
    const afterCommit = new Map<string, AfterCommit>();
    if (detections.length === 0) return afterCommit;
    for (const hook of this.hooks) {
      const then = await hook.onDetectionsStored(tx, detections);
      if (then) afterCommit.set(hook.name, then);
    }
    return afterCommit;
  }

  /** After the commit of the transaction `run` answered `afterCommit` in. */
  committed(afterCommit: Map<string, AfterCommit>): void {
    for (const [name, then] of afterCommit) {
      try {
        then();
      } catch (error) {
        this.logger.error(`${name} after commit: ${(error as Error).message}`);
      }
    }
  }
}
