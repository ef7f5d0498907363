import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * System alerts as Alertmanager last reported them: one row per alert (its fingerprint), moved from
 * firing to resolved in place. Alertmanager repeats notifications, so an upsert keeps exactly one
 * row; resolved rows are pruned after a retention period by the receiver itself.
 */
export class CreateSystemAlerts1765000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE analytics.system_alerts (
        fingerprint text PRIMARY KEY,
        name text NOT NULL,
        status text NOT NULL,
        severity text NOT NULL,
        summary text,
        description text,
        labels jsonb NOT NULL,
        starts_at timestamptz(3) NOT NULL,
        ends_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(
      'CREATE INDEX system_alerts_status_idx ON analytics.system_alerts (status, updated_at DESC)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE analytics.system_alerts');
  }
}
