import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts: one per detection × watchlist entry that matched it. The unique pair makes raising
 * idempotent (a re-delivered detection inserts nothing: ON CONFLICT DO NOTHING). An alert copies the
 * entry's plate, mode, reason and severity as they were when it was raised, so editing or deleting
 * the entry later does not rewrite history; hence no foreign keys to entries or detections (the
 * detection's partition may be dropped by retention before the alert is).
 */
export class CreateAlerts1764800000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE analytics.alerts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        detection_id uuid NOT NULL,
        entry_id uuid NOT NULL,
        watchlist_id uuid NOT NULL,
        camera_id integer NOT NULL,
        plate text NOT NULL,
        entry_plate text NOT NULL,
        match text NOT NULL,
        reason text NOT NULL,
        severity text NOT NULL,
        captured_at timestamptz(3) NOT NULL,
        raised_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        acknowledged_by text,
        acknowledged_at timestamptz(3),
        CONSTRAINT alerts_detection_entry_key UNIQUE (detection_id, entry_id)
      )`);
    // The list is newest first, keyset-paginated on (raised_at, id), optionally per camera.
    await queryRunner.query(
      'CREATE INDEX alerts_raised_idx ON analytics.alerts (raised_at DESC, id DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX alerts_camera_raised_idx ON analytics.alerts (camera_id, raised_at DESC, id DESC)',
    );
    // The console's "open alerts" view.
    await queryRunner.query(
      `CREATE INDEX alerts_open_idx ON analytics.alerts (raised_at DESC, id DESC)
        WHERE acknowledged_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE analytics.alerts');
  }
}
