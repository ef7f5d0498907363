import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox moves to the shared lib (libs/backend/outbox), whose table orders messages by a text
 * key rather than a camera id: the camera id becomes that key, so rows not yet published keep their
 * order and are relayed after the upgrade.
 */
export class OutboxOrderingKey1764500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE camera_registry.outbox RENAME COLUMN camera_id TO ordering_key',
    );
    await queryRunner.query(
      'ALTER TABLE camera_registry.outbox ALTER COLUMN ordering_key TYPE text USING ordering_key::text',
    );
    await queryRunner.query(
      'ALTER INDEX camera_registry.outbox_camera_id_id_idx RENAME TO outbox_ordering_key_id_idx',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER INDEX camera_registry.outbox_ordering_key_id_idx RENAME TO outbox_camera_id_id_idx',
    );
    await queryRunner.query(
      'ALTER TABLE camera_registry.outbox ALTER COLUMN ordering_key TYPE integer USING ordering_key::integer',
    );
    await queryRunner.query(
      'ALTER TABLE camera_registry.outbox RENAME COLUMN ordering_key TO camera_id',
    );
  }
}
