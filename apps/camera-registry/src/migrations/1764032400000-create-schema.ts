import { MigrationInterface, QueryRunner } from 'typeorm';

/** The service's own schema: its tables live here and no other service reads them. */
export class CreateCameraRegistrySchema1764032400000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS camera_registry');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA IF EXISTS camera_registry CASCADE');
  }
}
