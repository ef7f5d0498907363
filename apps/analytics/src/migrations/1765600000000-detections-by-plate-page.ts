import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first page of a plate search filtered by nothing else, in one call: newest first, the rows
 * since each of `slice_starts` (newest first; each slice runs only while the page is not full, see
 * `searchSlices`), then those before the last start, each slice on `detections_by_plate`'s kept
 * plans. One round trip instead of one per slice: a rare plate needs all three, and each statement
 * cost the service a socket write, a span and its parsing, and PostgreSQL a parse.
 * A slice since a start holds the slices before it (its newest rows are theirs, all of them, since
 * the page was not full), which OFFSET skips; the function's statements share the calling query's
 * snapshot (STABLE), so those rows are the same ones.
 */
export class DetectionsByPlatePage1765600000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION analytics.detections_by_plate_page(
          match text, pattern text, recheck text, slice_starts timestamptz[], row_limit integer)
        RETURNS SETOF analytics.detections
        LANGUAGE plpgsql STABLE
      AS $$
      DECLARE
        slice_start timestamptz;
        found integer := 0;
        more integer;
      BEGIN
        FOREACH slice_start IN ARRAY slice_starts LOOP
          RETURN QUERY SELECT * FROM analytics.detections_by_plate(
              match, pattern, recheck, slice_start, NULL, row_limit) OFFSET found;
          GET DIAGNOSTICS more = ROW_COUNT;
          found := found + more;
          IF found >= row_limit THEN RETURN; END IF;
        END LOOP;
        RETURN QUERY SELECT * FROM analytics.detections_by_plate(
            match, pattern, recheck, NULL, slice_starts[array_upper(slice_starts, 1)],
            row_limit - found);
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DROP FUNCTION analytics.detections_by_plate_page(text, text, text, timestamptz[], integer)',
    );
  }
}
