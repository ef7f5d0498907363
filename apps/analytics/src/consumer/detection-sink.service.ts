import { Injectable } from '@nestjs/common';
import type { DetectionEventV1 } from '@gt-vision/shared-types';
import { Database } from '@gt-vision/backend-database';
import { toInsertRow } from '../detections/detection.row';
import { DetectionsRepository } from '../detections/detections.repository';
import { DetectionBatchHooks } from './detection-batch.hooks';

export interface StoredBatch {
  inserted: number;
  duplicates: number;
}

/** Stores one consumed batch: insert and hooks in one transaction, committed before offsets are. */
@Injectable()
export class DetectionSinkService {
  constructor(
    private readonly database: Database,
    private readonly detections: DetectionsRepository,
    private readonly hooks: DetectionBatchHooks,
  ) {}

  async store(events: DetectionEventV1[]): Promise<StoredBatch> {
    if (events.length === 0) return { inserted: 0, duplicates: 0 };
    const { fresh, result } = await this.database.transaction(async (tx) => {
      const insertedIds = await this.detections.insertBatch(tx, events.map(toInsertRow));
      // A message may come twice in one batch (a producer retry): hand each stored one over once.
      const unique = new Map<string, DetectionEventV1>();
      for (const event of events) if (insertedIds.has(event.id)) unique.set(event.id, event);
      const stored = [...unique.values()];
      await this.hooks.run(tx, stored);
      return {
        fresh: stored,
        result: { inserted: insertedIds.size, duplicates: events.length - insertedIds.size },
      };
    });
    // Only now are the rows (and the alerts' outbox rows) visible to others: wake whoever waits on them.
    this.hooks.committed(fresh);
    return result;
  }
}
