import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cameras and their status history. Bounds repeat the API's validation so that no other writer (the
 * status watcher, a hand-run script) can store what the API would refuse.
 */
export class CreateCameras1764032500000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE camera_registry.cameras (
        -- The MediaMTX path is cam_{id}; ids are never reused, so a path never changes owner.
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        -- Without credentials: safe to search and to show masked.
        source_url text NOT NULL CHECK (source_url ~* '^rtsps?://'),
        -- AES-256-GCM: version | iv | tag | ciphertext of the URL's userinfo.
        source_credentials bytea,
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lon double precision CHECK (lon BETWEEN -180 AND 180),
        address text CHECK (char_length(address) <= 300),
        tags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
        recording_enabled boolean NOT NULL DEFAULT true,
        retention_days integer NOT NULL DEFAULT 7 CHECK (retention_days BETWEEN 1 AND 365),
        lpr_enabled boolean NOT NULL DEFAULT false,
        lpr_fps real NOT NULL DEFAULT 1 CHECK (lpr_fps >= real '0.2' AND lpr_fps <= 10),
        enabled boolean NOT NULL DEFAULT true,
        status text NOT NULL DEFAULT 'connecting'
          CHECK (status IN ('online', 'offline', 'connecting', 'disabled')),
        -- Millisecond precision so that keyset cursors carry timestamps exactly as stored.
        status_since timestamptz(3) NOT NULL DEFAULT now(),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT cameras_location_complete CHECK ((lat IS NULL) = (lon IS NULL)),
        CONSTRAINT cameras_status_matches_enabled CHECK ((status = 'disabled') = (NOT enabled))
      )`);
    // Names are unique whatever their case; the index also serves the default sort (name asc).
    await queryRunner.query(
      'CREATE UNIQUE INDEX cameras_name_key ON camera_registry.cameras (lower(name))',
    );
    // Keyset pages order by (sort key, id); each sort has its index, scanned either direction.
    await queryRunner.query(
      'CREATE INDEX cameras_name_id_idx ON camera_registry.cameras (lower(name), id)',
    );
    await queryRunner.query(
      'CREATE INDEX cameras_created_at_id_idx ON camera_registry.cameras (created_at, id)',
    );
    await queryRunner.query(
      'CREATE INDEX cameras_status_id_idx ON camera_registry.cameras (status, id)',
    );
    await queryRunner.query(
      'CREATE INDEX cameras_tags_idx ON camera_registry.cameras USING gin (tags)',
    );

    await queryRunner.query(`
      CREATE TABLE camera_registry.camera_status_history (
        id bigserial PRIMARY KEY,
        camera_id integer NOT NULL REFERENCES camera_registry.cameras (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('online', 'offline', 'connecting', 'disabled')),
        reason text,
        at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX camera_status_history_camera_at_idx
         ON camera_registry.camera_status_history (camera_id, at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS camera_registry.camera_status_history');
    await queryRunner.query('DROP TABLE IF EXISTS camera_registry.cameras');
  }
}
