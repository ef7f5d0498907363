import { Injectable } from '@nestjs/common';
import type { CameraCount, HourCount, PlateCount } from '@gt-vision/shared-types';
import type { Tx } from '@gt-vision/backend-database';

/** `$2`: the caller's cameras, or null for every camera. */
const WITHIN_CAMERAS = '($2::int[] IS NULL OR camera_id = ANY($2::int[]))';

/**
 * The dashboard's figures from the hourly counts the consumer keeps (`camera_hour_counts`,
 * `plate_hour_counts`): a few thousand rows for a day, where the detections are millions. Given
 * `cameraIds` (a caller restricted to some cameras), only theirs.
 */
@Injectable()
export class DashboardRepository {
  async perHour(db: Tx, since: Date, cameraIds?: number[]): Promise<HourCount[]> {
    const rows = await db.query<{ hour: Date; count: string }>(
      `SELECT hour, sum(count) AS count
         FROM analytics.camera_hour_counts WHERE hour >= $1 AND ${WITHIN_CAMERAS}
        GROUP BY hour`,
      [since, cameraIds ?? null],
    );
    return rows.map((row) => ({ hour: row.hour.toISOString(), count: Number(row.count) }));
  }

  async perCamera(db: Tx, since: Date, cameraIds?: number[]): Promise<CameraCount[]> {
    const rows = await db.query<{ camera_id: number; count: string }>(
      `SELECT camera_id, sum(count) AS count
         FROM analytics.camera_hour_counts WHERE hour >= $1 AND ${WITHIN_CAMERAS}
        GROUP BY camera_id ORDER BY sum(count) DESC, camera_id`,
      [since, cameraIds ?? null],
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

  /**
   * Top plates of some cameras only, counted from the detections themselves: the plate counts have
   * no camera (they would need a row per plate and camera, on the consumer's hot path). A window of
   * the caller's cameras, on the (camera_id, captured_at) index, served from the dashboard cache.
   */
  async topPlatesOf(
    db: Tx,
    since: Date,
    limit: number,
    cameraIds: number[],
  ): Promise<PlateCount[]> {
    const rows = await db.query<{ plate: string; count: string }>(
      `SELECT plate, count(*) AS count
         FROM analytics.detections WHERE captured_at >= $1 AND camera_id = ANY($3::int[])
        GROUP BY plate ORDER BY count(*) DESC, plate LIMIT $2`,
      [since, limit, cameraIds],
    );
    return rows.map((row) => ({ plate: row.plate, count: Number(row.count) }));
  }
}
