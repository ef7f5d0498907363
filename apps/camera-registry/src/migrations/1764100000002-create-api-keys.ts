import { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys of machine clients, stored as SHA-256 of the key; a key outlives its creator's account. */
export class CreateApiKeys1764100000002 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE camera_registry.api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        role text NOT NULL DEFAULT 'integrator'
          CHECK (role IN ('integrator', 'operator', 'viewer')),
        created_by uuid REFERENCES camera_registry.users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE camera_registry.api_keys');
  }
}
