import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pruning job deletes expired tokens and tokens revoked long ago, in small batches; each batch
 * finds its rows through one of these indexes instead of scanning the table. The revoked index is
 * partial: live tokens, the bulk of a busy table, are not in it.
 */
export class IndexRefreshTokenPruning1764200000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX refresh_tokens_expires_at_idx ON camera_registry.refresh_tokens (expires_at)',
    );
    await queryRunner.query(
      `CREATE INDEX refresh_tokens_revoked_at_idx ON camera_registry.refresh_tokens (revoked_at)
       WHERE revoked_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX camera_registry.refresh_tokens_revoked_at_idx');
    await queryRunner.query('DROP INDEX camera_registry.refresh_tokens_expires_at_idx');
  }
}
