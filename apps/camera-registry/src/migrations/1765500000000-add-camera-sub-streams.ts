import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A camera's optional second, low-resolution source (its sub-stream), stored like the main one:
 * the URL without credentials in plain text, the userinfo encrypted beside it.
 */
export class AddCameraSubStreams1765500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE camera_registry.cameras
        ADD COLUMN sub_stream_url text CHECK (sub_stream_url ~* '^rtsps?://'),
        -- AES-256-GCM, as source_credentials.
        ADD COLUMN sub_stream_credentials bytea,
        ADD CONSTRAINT cameras_sub_stream_credentials_need_url
          CHECK (sub_stream_credentials IS NULL OR sub_stream_url IS NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE camera_registry.cameras
        DROP COLUMN sub_stream_credentials,
        DROP COLUMN sub_stream_url`);
  }
}
