import { Injectable } from '@nestjs/common';
import type { DetectionEventV1 } from '@gt-vision/shared-types';
import { Database, rowRejectionOf, type RowRejection } from '@gt-vision/backend-database';
import { toInsertRow } from '../detections/detection.row';
import { DetectionsRepository } from '../detections/detections.repository';
import { DetectionBatchHooks } from './detection-batch.hooks';

/** A detection PostgreSQL refused on its own: it goes to the dead-letter topic, not back for ever. */
export interface RejectedDetection {
  event: DetectionEventV1;
  rejection: RowRejection;
}

export interface StoredBatch {
  inserted: number;
  duplicates: number;
  rejected: RejectedDetection[];
}

const NOTHING: StoredBatch = { inserted: 0, duplicates: 0, rejected: [] };

const sum = (a: StoredBatch, b: StoredBatch): StoredBatch => ({
  inserted: a.inserted + b.inserted,
  duplicates: a.duplicates + b.duplicates,
  rejected: [...a.rejected, ...b.rejected],
});

/**
 * Stores one consumed batch: insert and hooks in one transaction, committed before offsets are.
 *
 * When PostgreSQL refuses the batch for its data (SQLSTATE class 22 or 23), retrying it whole would
 * fail for ever and hold up its partition; the batch is bisected instead, each half in its own
 * transaction, down to the detections refused on their own, which are returned as rejected. Halves
 * committed before a later failure are absorbed on re-delivery (the insert is idempotent, hooks see
 * only new rows). Any other failure (the database unreachable, restarting...) is thrown: the whole
 * batch is retried and nothing is rejected for it.
 */
@Injectable()
export class DetectionSinkService {
  constructor(
    private readonly database: Database,
    private readonly detections: DetectionsRepository,
    private readonly hooks: DetectionBatchHooks,
  ) {}

  async store(events: DetectionEventV1[]): Promise<StoredBatch> {
    if (events.length === 0) return NOTHING;
    try {
      return await this.storeTogether(events);
    } catch (error) {
      const rejection = rowRejectionOf(error);
      if (!rejection) throw error;
      if (events.length === 1) return { ...NOTHING, rejected: [{ event: events[0], rejection }] };
      const half = Math.ceil(events.length / 2);
      const first = await this.store(events.slice(0, half));
      return sum(first, await this.store(events.slice(half)));
    }
  }

  private async storeTogether(events: DetectionEventV1[]): Promise<StoredBatch> {
    const { afterCommit, result } = await this.database.transaction(async (tx) => {
      const insertedIds = await this.detections.insertBatch(tx, events.map(toInsertRow));
      // A message may come twice in one batch (a producer retry): hand each stored one over once.
      const unique = new Map<string, DetectionEventV1>();
      for (const event of events) if (insertedIds.has(event.id)) unique.set(event.id, event);
      const stored = [...unique.values()];
      return {
        afterCommit: await this.hooks.run(tx, stored),
        result: {
          inserted: insertedIds.size,
          duplicates: events.length - insertedIds.size,
          rejected: [],
        },
      };
    });
    // Only now are the rows (and the alerts' outbox rows) visible to others: wake whoever waits on them.
    this.hooks.committed(afterCommit);
    return result;
  }
}
