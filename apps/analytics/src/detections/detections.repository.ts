import { Injectable } from '@nestjs/common';
import type { Tx } from '@gt-vision/backend-database';
import type { DetectionInsertRow, DetectionRow } from './detection.row';
import type { PlateCall, SqlFilter } from './detection-search.sql';

const COLUMNS = `id, camera_id, plate, plate_raw, confidence, captured_at,
  to_char(captured_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
  received_at, stored_at, bbox, vehicle, snapshot_ref, source, alternatives`;

const INSERT_COLUMNS =
  'id, camera_id, plate, plate_raw, confidence, captured_at, received_at, bbox, vehicle, ' +
  'snapshot_ref, source, alternatives, plates, plate_keys, plates_text';

/** All SQL over `analytics.detections` rows (partitions: `PartitionsRepository`). */
@Injectable()
export class DetectionsRepository {
  /**
   * Inserts a batch in one statement whose single parameter is the JSON array of rows: one round trip,
   * no named prepared statement (PgBouncer transaction pooling), and no parameter-count limit.
   * The same statement adds the inserted rows to the dashboard's hourly counts, so a re-delivery
   * (skipped by ON CONFLICT) is never counted twice; the counts are upserted in key order, so
   * concurrent batches wait for each other's rows instead of deadlocking.
   * Returns the ids actually inserted: those already stored (a re-delivery) are skipped.
   */
  async insertBatch(db: Tx, rows: DetectionInsertRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted = await db.query<{ id: string }>(
      `WITH inserted AS (
         INSERT INTO analytics.detections (${INSERT_COLUMNS})
         SELECT ${INSERT_COLUMNS}
           FROM jsonb_to_recordset($1::jsonb) AS r(
             id uuid, camera_id integer, plate text, plate_raw text, confidence real,
             captured_at timestamptz, received_at timestamptz, bbox jsonb, vehicle jsonb,
             snapshot_ref text, source text, alternatives jsonb, plates text[], plate_keys text[],
             plates_text text)
         ON CONFLICT DO NOTHING
         RETURNING id, camera_id, plate, date_trunc('hour', captured_at, 'UTC') AS hour
       ), cameras AS (
         INSERT INTO analytics.camera_hour_counts AS c (hour, camera_id, count)
         SELECT hour, camera_id, count(*) FROM inserted GROUP BY 1, 2 ORDER BY 1, 2
         ON CONFLICT (hour, camera_id) DO UPDATE SET count = c.count + excluded.count
       ), plates AS (
         INSERT INTO analytics.plate_hour_counts AS p (hour, plate, count)
         SELECT hour, plate, count(*) FROM inserted GROUP BY 1, 2 ORDER BY 1, 2
         ON CONFLICT (hour, plate) DO UPDATE SET count = p.count + excluded.count
       )
       SELECT id FROM inserted`,
      [JSON.stringify(rows)],
    );
    return new Set(inserted.map((row) => row.id));
  }

  /**
   * Newest first over `slices` (disjoint, newest slice first), each queried only while the page is
   * not full; one row more than `limit` tells whether there is a next page.
   */
  async search(db: Tx, slices: SqlFilter[], limit: number): Promise<DetectionRow[]> {
    const rows: DetectionRow[] = [];
    for (const slice of slices) {
      const wanted = Number(limit) + 1 - rows.length;
      rows.push(
        ...(slice.plateCall
          ? await this.byPlate(db, slice.plateCall, wanted)
          : await db.query<DetectionRow>(
              `SELECT ${COLUMNS} FROM analytics.detections
                WHERE ${slice.where}
                ORDER BY captured_at DESC, id DESC
                LIMIT ${wanted}`,
              slice.params,
            )),
      );
      if (rows.length > limit) break;
    }
    return rows;
  }

  /**
   * A plate search on PL/pgSQL's kept plans (migrations 1765500000000 and 1765600000000): see
   * `plateOnlyTerms` in detection-search.sql.
   */
  private byPlate(db: Tx, call: PlateCall, limit: number): Promise<DetectionRow[]> {
    const { match, pattern, recheck } = call;
    return 'sliceStarts' in call
      ? db.query<DetectionRow>(
          `SELECT ${COLUMNS}
             FROM analytics.detections_by_plate_page($1, $2, $3, $4::timestamptz[], $5)
            ORDER BY captured_at DESC, id DESC`,
          [match, pattern, recheck, call.sliceStarts, limit],
        )
      : db.query<DetectionRow>(
          `SELECT ${COLUMNS}
             FROM analytics.detections_by_plate($1, $2, $3, NULL, $4::timestamptz, $5)
            ORDER BY captured_at DESC, id DESC`,
          [match, pattern, recheck, call.before, limit],
        );
  }

  async findById(db: Tx, id: string): Promise<DetectionRow | undefined> {
    const rows = await db.query<DetectionRow>(
      `SELECT ${COLUMNS} FROM analytics.detection_by_id($1::uuid)`,
      [id],
    );
    return rows[0];
  }

  async snapshotRefOf(
    db: Tx,
    id: string,
  ): Promise<{ snapshot_ref: string | null; camera_id: number } | undefined> {
    const rows = await db.query<{ snapshot_ref: string | null; camera_id: number }>(
      'SELECT snapshot_ref, camera_id FROM analytics.detection_by_id($1::uuid)',
      [id],
    );
    return rows[0];
  }
}
