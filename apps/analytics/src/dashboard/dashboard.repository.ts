import { Injectable } from '@nestjs/common';
import type { CameraCount, HourCount, PlateCount } from '@gt-vision/shared-types';
import type { Tx } from '@gt-vision/backend-database';

/** Aggregates over the last hours of `analytics.detections` (partition pruning keeps it to a day or two). */
@Injectable()
export class DashboardRepository {
  async perHour(db: Tx, since: Date): Promise<HourCount[]> {
    const rows = await db.query<{ hour: Date; count: string }>(
      `SELECT date_trunc('hour', captured_at) AS hour, count(*) AS count
         FROM analytics.detections WHERE captured_at >= $1
        GROUP BY 1`,
      [since],
    );
    return rows.map((row) => ({ hour: row.hour.toISOString(), count: Number(row.count) }));
  }

  async perCamera(db: Tx, since: Date): Promise<CameraCount[]> {
    const rows = await db.query<{ camera_id: number; count: string }>(
      `SELECT camera_id, count(*) AS count
         FROM analytics.detections WHERE captured_at >= $1
        GROUP BY camera_id ORDER BY count(*) DESC, camera_id`,
      [since],
    );
    return rows.map((row) => ({ cameraId: row.camera_id, count: Number(row.count) }));
  }

  async topPlates(db: Tx, since: Date, limit: number): Promise<PlateCount[]> {
    const rows = await db.query<{ plate: string; count: string }>(
      `SELECT plate, count(*) AS count
         FROM analytics.detections WHERE captured_at >= $1
        GROUP BY plate ORDER BY count(*) DESC, plate LIMIT $2`,
      [since, limit],
    );
    return rows.map((row) => ({ plate: row.plate, count: Number(row.count) }));
  }
}
