import { MigrationInterface, QueryRunner } from 'typeorm';
import { PLATE_COUNTS_KEPT_HOURS } from '../partitions/partitions.repository';

/**
 * The dashboard's summary, kept by the consumer in the statement that inserts detections (so a
 * re-delivered detection, which is not inserted again, is not counted again):
 * - `camera_hour_counts`: detections per hour and camera, kept as long as the detections;
 * - `plate_hour_counts`: detections per hour and plate, kept only as long as the dashboard looks back
 *   (a day has hundreds of thousands of readings of tens of thousands of plates).
 * Aggregating the raw rows took seconds at millions of detections a day; these are a few thousand rows.
 */
export class CreateDetectionCounts1765200000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE analytics.camera_hour_counts (
        hour timestamptz NOT NULL,
        camera_id integer NOT NULL,
        count bigint NOT NULL,
        PRIMARY KEY (hour, camera_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE analytics.plate_hour_counts (
        hour timestamptz NOT NULL,
        plate text NOT NULL,
        count bigint NOT NULL,
        PRIMARY KEY (hour, plate)
      )`);
    await queryRunner.query(`
      INSERT INTO analytics.camera_hour_counts (hour, camera_id, count)
      SELECT date_trunc('hour', captured_at, 'UTC'), camera_id, count(*)
        FROM analytics.detections GROUP BY 1, 2`);
    await queryRunner.query(`
      INSERT INTO analytics.plate_hour_counts (hour, plate, count)
      SELECT date_trunc('hour', captured_at, 'UTC'), plate, count(*)
        FROM analytics.detections WHERE captured_at >= now() - interval '${PLATE_COUNTS_KEPT_HOURS} hours'
       GROUP BY 1, 2`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE analytics.plate_hour_counts');
    await queryRunner.query('DROP TABLE analytics.camera_hour_counts');
  }
}
