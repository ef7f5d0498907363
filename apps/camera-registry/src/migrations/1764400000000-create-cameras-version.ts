import { createTableVersion, dropTableVersion } from '@gt-vision/backend-database';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** `cameras_version`: moves with every committed change to `cameras`, for the camera list's cache. */
export class CreateCamerasVersion1764400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createTableVersion(queryRunner, 'camera_registry', 'cameras');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTableVersion(queryRunner, 'camera_registry', 'cameras');
  }
}
