import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-camera permissions: groups of cameras, their members, and grants of a group to a user or a
 * role. One row counts the changes (`revision`), so services can tell a newer snapshot from an older.
 * Installation creates the "All cameras" group and grants it to the operator and viewer roles: every
 * account keeps seeing what it saw before, until an admin restricts a user (own grants replace the
 * role's) or a role (by deleting its grant).
 */
export class CreateCameraAccess1765400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE camera_registry.camera_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        description text,
        all_cameras boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX camera_groups_name_lower_key ON camera_registry.camera_groups (lower(name))',
    );
    await queryRunner.query(`
      CREATE TABLE camera_registry.camera_group_members (
        group_id uuid NOT NULL REFERENCES camera_registry.camera_groups (id) ON DELETE CASCADE,
        camera_id integer NOT NULL REFERENCES camera_registry.cameras (id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, camera_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE camera_registry.camera_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES camera_registry.camera_groups (id) ON DELETE CASCADE,
        user_id uuid REFERENCES camera_registry.users (id) ON DELETE CASCADE,
        role text CHECK (role IN ('operator', 'viewer')),
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((user_id IS NULL) <> (role IS NULL))
      )`);
    await queryRunner.query(
      'CREATE UNIQUE INDEX camera_grants_user_key ON camera_registry.camera_grants (group_id, user_id) WHERE user_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX camera_grants_role_key ON camera_registry.camera_grants (group_id, role) WHERE role IS NOT NULL',
    );
    await queryRunner.query(`
      CREATE TABLE camera_registry.camera_access_revision (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        revision bigint NOT NULL
      )`);
    await queryRunner.query(
      'INSERT INTO camera_registry.camera_access_revision (revision) VALUES (1)',
    );
    await queryRunner.query(`
      WITH everything AS (
        INSERT INTO camera_registry.camera_groups (name, description, all_cameras)
        VALUES ('All cameras', 'Every camera, present and future', true)
        RETURNING id
      )
      INSERT INTO camera_registry.camera_grants (group_id, role, created_by)
      SELECT id, role, 'installation' FROM everything, (VALUES ('operator'), ('viewer')) AS r(role)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE camera_registry.camera_access_revision,
      camera_registry.camera_grants, camera_registry.camera_group_members,
      camera_registry.camera_groups`);
  }
}
