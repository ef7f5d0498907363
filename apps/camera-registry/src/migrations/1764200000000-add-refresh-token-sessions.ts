import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a session needs beyond rotation: when its family started (the absolute lifetime counts from
 * there, copied onto every token so that pruning old ones loses nothing) and, on a rotated token, its
 * successor sealed with a key only the rotated token itself yields (the refresh grace window).
 */
export class AddRefreshTokenSessions1764200000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE camera_registry.refresh_tokens
        ADD COLUMN session_started_at timestamptz,
        ADD COLUMN successor_sealed bytea`);
    await queryRunner.query(`
      UPDATE camera_registry.refresh_tokens t SET session_started_at = f.started
      FROM (SELECT family_id, min(created_at) AS started
            FROM camera_registry.refresh_tokens GROUP BY family_id) f
      WHERE t.family_id = f.family_id`);
    // The default keeps inserts of a replica still running the previous version working mid-deploy.
    await queryRunner.query(`
      ALTER TABLE camera_registry.refresh_tokens
        ALTER COLUMN session_started_at SET NOT NULL,
        ALTER COLUMN session_started_at SET DEFAULT now()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE camera_registry.refresh_tokens
        DROP COLUMN successor_sealed,
        DROP COLUMN session_started_at`);
  }
}
