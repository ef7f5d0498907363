import { Injectable } from '@nestjs/common';
import type { CameraCount, HourCount, PlateCount } from '@gt-vision/shared-types';
import type { Tx } from '@gt-vision/backend-database';

/**
 * The dashboard's figures from the hourly counts the consumer keeps (`camera_hour_counts`,
 * `plate_hour_counts`): a few thousand rows for a day, where the detections are millions.
 */
@Injectable()
export class DashboardRepository {
  async perHour(db: Tx, since: Date): Promise<HourCount[]> {
    const rows = await db.query<{ hour: Date; count: string }>(
      `SELECT hour, sum(count) AS count
         FROM analytics.camera_hour_counts WHERE hour >= $1
        GROUP BY hour`,
      [since],
    );
    return rows.map((row) => ({ hour: row.hour.toISOString(), count: Number(row.count) }));
  }

  async perCamera(db: Tx, since: Date): Promise<CameraCount[]> {
    const rows = await db.query<{ camera_id: number; count: string }>(
      `SELECT camera_id, sum(count) AS count
         FROM analytics.camera_hour_counts WHERE hour >= $1
        GROUP BY camera_id ORDER BY sum(count) DESC, camera_id`,
      [since],
    );
    return rows.map((row) => ({ cameraId: row.camera_id, count: Number(row.count) }));
  }

  async topPlates(db: Tx, since: Date, limit: number): Promise<PlateCount[]> {
    const rows = await db.query<{ plate: string; count: string }>(
      `SELECT plate, sum(count) AS count
         FROM analytics.plate_hour_counts WHERE hour >= $1
        GROUP BY plate ORDER BY sum(count) DESC, plate LIMIT $2`,
      [since, limit],
    );
    return rows.map((row) => ({ plate: row.plate, count: Number(row.count) }));
  }
}
