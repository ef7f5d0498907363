import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter that moves with every committed change to `cameras`, so a cached camera list can be
 * checked with one tiny read instead of rebuilt. A trigger bumps it, not the application, so no write
 * path (API, status watcher, a future one) can forget it; statement-level with a transition table, so
 * a bulk status update bumps once and a statement that changed no row does not bump at all. The
 * epoch tells one database's counter from another's (a rebuilt database starts again at 0).
 */
export class CreateCamerasVersion1764400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE camera_registry.cameras_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        epoch uuid NOT NULL DEFAULT gen_random_uuid(),
        version bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query('INSERT INTO camera_registry.cameras_version DEFAULT VALUES');
    await queryRunner.query(`
      CREATE FUNCTION camera_registry.bump_cameras_version() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM changed) THEN
          UPDATE camera_registry.cameras_version SET version = version + 1;
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
        CREATE TRIGGER cameras_version_${event.toLowerCase()}
          AFTER ${event} ON camera_registry.cameras
          REFERENCING ${table} TABLE AS changed
          FOR EACH STATEMENT EXECUTE FUNCTION camera_registry.bump_cameras_version()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) {
      await queryRunner.query(`DROP TRIGGER cameras_version_${event} ON camera_registry.cameras`);
    }
    await queryRunner.query('DROP FUNCTION camera_registry.bump_cameras_version()');
    await queryRunner.query('DROP TABLE camera_registry.cameras_version');
  }
}
