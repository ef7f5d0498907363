import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens, stored as SHA-256 of the opaque token. Each login starts a family; each refresh
 * marks the presented token used and adds the next one to the family, so presenting a used token
 * again is detected as theft and revokes the whole family.
 */
export class CreateRefreshTokens1764100000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE camera_registry.refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES camera_registry.users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      'CREATE INDEX refresh_tokens_family_id_idx ON camera_registry.refresh_tokens (family_id)',
    );
    // Revoking a user's sessions and the cascade of a user delete look tokens up by user.
    await queryRunner.query(
      'CREATE INDEX refresh_tokens_user_id_idx ON camera_registry.refresh_tokens (user_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE camera_registry.refresh_tokens');
  }
}
