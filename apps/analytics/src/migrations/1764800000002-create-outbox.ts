import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of analytics' events (`alert.raised`): an alert and the event announcing
 * it commit together, and the relay publishes and deletes the rows. Same shape as the registry's.
 */
export class CreateOutbox1764800000002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE analytics.outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        camera_id integer NOT NULL,
        subject text NOT NULL,
        -- json, not jsonb: published byte for byte as written, keys in order.
        payload json NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await queryRunner.query(
      'CREATE INDEX outbox_camera_id_id_idx ON analytics.outbox (camera_id, id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE analytics.outbox');
  }
}
