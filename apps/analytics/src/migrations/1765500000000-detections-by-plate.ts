import { MigrationInterface, QueryRunner } from 'typeorm';

const MATCHES = {
  exact: 'plate_keys @> ARRAY[pattern] AND plates @> ARRAY[recheck]',
  ocr: 'plate_keys @> ARRAY[pattern]',
  prefix: `plates_text LIKE pattern AND (' ' || plates_text) LIKE recheck`,
  contains: 'plates_text LIKE pattern',
  wildcard: 'plates_text ~ pattern',
};

/** Newest first, the rows of one plate condition within one bound (`fenced` keeps LIMIT out of the scan's plan). */
const search = (condition: string, bound: string) => `
  RETURN QUERY SELECT * FROM (
      SELECT * FROM analytics.detections WHERE ${condition} AND ${bound} OFFSET 0
    ) fenced
    ORDER BY captured_at DESC, id DESC LIMIT row_limit;`;

const byMatch = (bound: string) =>
  `CASE match ${Object.entries(MATCHES)
    .map(([match, condition]) => `WHEN '${match}' THEN ${search(condition, bound)}`)
    .join(' ')} END CASE;`;

/**
 * A plate search filtered by nothing else, newest first, within one time bound: since `since` (the
 * newest slices of a first page) or before `before` (the older slice), on one plan per database
 * connection. Planned per request, as a plain statement through PgBouncer's transaction pooling is
 * (no named prepared statements), each daily partition a slice spans costs the planner a look at its
 * statistics: 8 ms for a rare plate's search over 35 partitions, ten times running it. PL/pgSQL
 * keeps its statements' plans for the connection's life, and here one plan suits every value:
 * - a single bound on the time (PostgreSQL still prunes the partitions outside it when the plan
 *   starts) is no reason to combine the plate index with the primary key's, which a range with two
 *   unknown bounds looks like (reading a whole partition's key for each day holding the plate);
 * - the plate condition is answered by its index in each partition and the matches sorted, which is
 *   the plan chosen for any one plate: the subquery keeps the planner from walking the primary key
 *   backwards in the hope of filling the page early (it would read every row of a rare plate's span).
 * `force_generic_plan` because PostgreSQL would otherwise keep planning afresh: the plan made for a
 * rare plate's values is estimated cheaper than the plan for any value, though both cost the same.
 */
export class DetectionsByPlate1765500000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION analytics.detections_by_plate(
          match text, pattern text, recheck text, since timestamptz, before timestamptz,
          row_limit integer)
        RETURNS SETOF analytics.detections
        LANGUAGE plpgsql STABLE
        SET plan_cache_mode = force_generic_plan
      AS $$
      BEGIN
        IF before IS NULL THEN
          ${byMatch('captured_at >= since')}
        ELSE
          ${byMatch('captured_at < before')}
        END IF;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP FUNCTION analytics.detections_by_plate(text, text, text, timestamptz, timestamptz, integer)',
    );
  }
}
