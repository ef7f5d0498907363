import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Watchlists and their entries. An entry is a plate or a wildcard pattern with a match mode; it
 * stops matching at `expires_at`. `created_by` is the caller's id (a user's, or an API key's; users
 * live in the camera-registry's schema, so no foreign key). Deleting a watchlist deletes its entries; alerts
 * they raised stay (they copy what they need).
 *
 * `watchlist_entries_version` moves with every committed change to the entries (a statement trigger,
 * so no write path can forget it): each analytics replica's in-memory matcher polls this one row and
 * reloads the entries when it moved. The epoch tells a rebuilt database from the old one.
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
    await queryRunner.query(`
      CREATE TABLE analytics.watchlist_entries_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        epoch uuid NOT NULL DEFAULT gen_random_uuid(),
        version bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query('INSERT INTO analytics.watchlist_entries_version DEFAULT VALUES');
    await queryRunner.query(`
      CREATE FUNCTION analytics.bump_watchlist_entries_version() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM changed) THEN
          UPDATE analytics.watchlist_entries_version SET version = version + 1;
        END IF;
        RETURN NULL;
      END $$`);
    // A trigger with a transition table may have one event only: one trigger per event.
    for (const [event, table] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ]) {
      await queryRunner.query(`
        CREATE TRIGGER watchlist_entries_version_${event.toLowerCase()}
          AFTER ${event} ON analytics.watchlist_entries
          REFERENCING ${table} TABLE AS changed
          FOR EACH STATEMENT EXECUTE FUNCTION analytics.bump_watchlist_entries_version()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE analytics.watchlist_entries');
    await queryRunner.query('DROP FUNCTION analytics.bump_watchlist_entries_version()');
    await queryRunner.query('DROP TABLE analytics.watchlist_entries_version');
    await queryRunner.query('DROP TABLE analytics.watchlists');
  }
}
