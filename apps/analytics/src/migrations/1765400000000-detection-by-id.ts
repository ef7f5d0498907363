import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A detection by id, planned once per database connection. The id says nothing of the partition, so
 * the lookup probes every daily partition's id index; planned afresh for each request, as a plain
 * statement through PgBouncer's transaction pooling is (no named prepared statements), it cost
 * three times its run. PL/pgSQL keeps the plans of its statements for the connection's life, and
 * one plan suits every id.
 */
export class DetectionById1765400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION analytics.detection_by_id(detection_id uuid)
        RETURNS SETOF analytics.detections
        LANGUAGE plpgsql STABLE
      AS $$
      BEGIN
        RETURN QUERY SELECT * FROM analytics.detections WHERE id = detection_id LIMIT 1;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION analytics.detection_by_id(uuid)');
  }
}
