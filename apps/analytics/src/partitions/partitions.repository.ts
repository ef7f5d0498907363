import { Injectable } from '@nestjs/common';
import type { Tx } from '@gt-vision/backend-database';
import { DASHBOARD_WINDOW_HOURS } from '@gt-vision/shared-types';
import type { DayPartition } from './partition-plan';

/** Plate counts per hour serve only the dashboard's window; one more window is the margin. */
export const PLATE_COUNTS_KEPT_HOURS = 2 * DASHBOARD_WINDOW_HOURS;

/** Same key on every replica: whoever holds it this transaction maintains the partitions. */
const MAINTENANCE_LOCK = "hashtext('analytics.detections.partitions')";

/** All SQL of partition maintenance; partition names come from `partitionPlan`, never from input. */
@Injectable()
export class PartitionsRepository {
  /**
   * A transaction-scoped advisory lock, the lease: safe through PgBouncer's transaction pooling (it
   * ends with the transaction, never outlives it on a pooled connection).
   */
  async tryLease(tx: Tx): Promise<boolean> {
    const rows = await tx.query<{ leased: boolean }>(
      `SELECT pg_try_advisory_xact_lock(${MAINTENANCE_LOCK}) AS leased`,
    );
    return rows[0]?.leased === true;
  }

  async list(tx: Tx): Promise<string[]> {
    const rows = await tx.query<{ name: string }>(
      `SELECT c.relname AS name
         FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'analytics.detections'::regclass
        ORDER BY c.relname`,
    );
    return rows.map((row) => row.name);
  }

  async create(tx: Tx, partition: DayPartition): Promise<void> {
    await tx.execute(
      `CREATE TABLE IF NOT EXISTS analytics.${partition.name}
         PARTITION OF analytics.detections
         FOR VALUES FROM ('${partition.from.toISOString()}') TO ('${partition.to.toISOString()}')`,
    );
  }

  /** Drops the dashboard counts of detections past retention, and plate counts past their use. */
  async trimCounts(tx: Tx, detectionsFrom: Date, now: Date): Promise<void> {
    await tx.execute('DELETE FROM analytics.camera_hour_counts WHERE hour < $1', [detectionsFrom]);
    await tx.execute('DELETE FROM analytics.plate_hour_counts WHERE hour < $1', [
      new Date(now.getTime() - PLATE_COUNTS_KEPT_HOURS * 3_600_000),
    ]);
  }

  /**
   * Dropping a partition locks the parent for a moment; a short lock timeout makes it give way to a
   * long-running search instead of queueing every query behind it. It is retried next run.
   */
  async drop(tx: Tx, name: string): Promise<void> {
    await tx.execute(`SET LOCAL lock_timeout = '2s'`);
    await tx.execute(`DROP TABLE IF EXISTS analytics.${name}`);
  }
}
