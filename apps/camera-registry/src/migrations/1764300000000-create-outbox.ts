import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of camera events: a change and the event announcing it commit together,
 * and the relay (libs/backend/outbox) publishes and deletes the rows. No foreign key to cameras:
 * the `deleted` event of a camera outlives its row.
 */
export class CreateOutbox1764300000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE camera_registry.outbox (
        -- Commit order is close to id order; per camera it is exact, as a camera's writes serialise
        -- on its row lock.
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        camera_id integer NOT NULL,
        subject text NOT NULL,
        -- json, not jsonb: published byte for byte as written, keys in order.
        payload json NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    // The relay publishes the oldest row of each camera first.
    await queryRunner.query(
      'CREATE INDEX outbox_camera_id_id_idx ON camera_registry.outbox (camera_id, id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE camera_registry.outbox');
  }
}
