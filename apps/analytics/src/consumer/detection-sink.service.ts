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

  store(events: DetectionEventV1[]): Promise<StoredBatch> {
    if (events.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0 });
    return this.database.transaction(async (tx) => {
      const insertedIds = await this.detections.insertBatch(tx, events.map(toInsertRow));
      // A message may come twice in one batch (a producer retry): hand each stored one over once.
      const fresh = new Map<string, DetectionEventV1>();
      for (const event of events) if (insertedIds.has(event.id)) fresh.set(event.id, event);
      await this.hooks.run(tx, [...fresh.values()]);
      return { inserted: insertedIds.size, duplicates: events.length - insertedIds.size };
    });
  }
}
