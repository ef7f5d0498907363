import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Detections, partitioned by day on `captured_at` (the partitions are created ahead and dropped by
 * retention at run time: `PartitionMaintainer`). Idempotent on the detection id: a message always
 * carries the same `capturedAt`, so `(captured_at, id)` is unique across partitions, which a plain
 * unique `id` could not be on a partitioned table.
 *
 * Plate search runs over the reading and its alternatives together:
 * - `plate_keys`: the OCR-equivalence key of every reading (translate() with `OCR_CONFUSABLE_FROM/TO`),
 *   GIN-indexed: look-alike queries, and exact ones (an equal plate has an equal key; the plate
 *   itself is rechecked against `plates`);
 * - `plates_text`: every reading joined by spaces, trigram-indexed: prefix, substring and wildcard.
 * Arrays on the row rather than a readings side-table keep search a single-table keyset scan.
 */
export class CreateDetections1764500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    // Trusted since PostgreSQL 13: the database owner (the service's role) may create it.
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(`
      CREATE TABLE analytics.detections (
        id uuid NOT NULL,
        camera_id integer NOT NULL,
        plate text NOT NULL,
        plate_raw text NOT NULL,
        confidence real NOT NULL,
        captured_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(),
        bbox jsonb,
        vehicle jsonb,
        snapshot_ref text,
        source text NOT NULL,
        alternatives jsonb NOT NULL DEFAULT '[]',
        plates text[] NOT NULL,
        plate_keys text[] NOT NULL,
        plates_text text NOT NULL,
        CONSTRAINT detections_pkey PRIMARY KEY (captured_at, id)
      ) PARTITION BY RANGE (captured_at)`);
    await queryRunner.query(
      'CREATE INDEX detections_camera_time ON analytics.detections (camera_id, captured_at DESC, id DESC)',
    );
    await queryRunner.query('CREATE INDEX detections_id ON analytics.detections (id)');
    await queryRunner.query(
      'CREATE INDEX detections_plate_keys ON analytics.detections USING gin (plate_keys)',
    );
    await queryRunner.query(
      'CREATE INDEX detections_plates_trgm ON analytics.detections USING gin (plates_text gin_trgm_ops)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS analytics.detections');
  }
}
