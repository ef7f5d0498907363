import { createTableVersion, dropTableVersion } from '@gt-vision/backend-database';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Watchlists and their entries. An entry is a plate or a wildcard pattern with a match mode; it
 * stops matching at `expires_at`. `created_by` is the caller's id (a user's, or an API key's; users
 * live in the camera-registry's schema, so no foreign key). Deleting a watchlist deletes its entries; alerts
 * they raised stay (they copy what they need).
 *
 * `watchlist_entries_version` moves with every committed change to the entries (createTableVersion):
 * each analytics replica's in-memory matcher polls this one row and reloads the entries when it moved.
 */
export class CreateWatchlists1764800000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE analytics.watchlists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text,
        created_by text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE analytics.watchlist_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        watchlist_id uuid NOT NULL REFERENCES analytics.watchlists (id) ON DELETE CASCADE,
        plate text NOT NULL,
        match text NOT NULL CHECK (match IN ('exact', 'ocr', 'wildcard')),
        reason text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        expires_at timestamptz(3),
        created_by text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX watchlist_entries_watchlist_idx ON analytics.watchlist_entries (watchlist_id, created_at)',
    );
    await createTableVersion(queryRunner, 'analytics', 'watchlist_entries');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTableVersion(queryRunner, 'analytics', 'watchlist_entries');
    await queryRunner.query('DROP TABLE analytics.watchlist_entries');
    await queryRunner.query('DROP TABLE analytics.watchlists');
  }
}
