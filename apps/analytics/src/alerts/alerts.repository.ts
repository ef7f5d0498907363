import { Injectable } from '@nestjs/common';
import type { AlertSeverity, WatchlistMatchMode } from '@gt-vision/shared-types';
import { Database, type Tx } from '@gt-vision/backend-database';
import type { AlertCursor } from './alert-cursor';

export interface AlertRow {
  id: string;
  detection_id: string;
  entry_id: string;
  watchlist_id: string;
  camera_id: number;
  plate: string;
  entry_plate: string;
  match: WatchlistMatchMode;
  reason: string;
  severity: AlertSeverity;
  captured_at: Date;
  raised_at: Date;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
}

export interface NewAlert {
  detectionId: string;
  entryId: string;
  watchlistId: string;
  cameraId: number;
  plate: string;
  entryPlate: string;
  match: WatchlistMatchMode;
  reason: string;
  severity: AlertSeverity;
  capturedAt: string;
}

export interface AlertFilter {
  cameraId?: number;
  /** Only these cameras (the caller's granted ones); undefined: every camera. */
  cameraIds?: number[];
  severity?: AlertSeverity;
  acknowledged?: boolean;
  from?: string;
  to?: string;
  after?: AlertCursor;
  limit: number;
}

export interface SeverityCountRow {
  severity: AlertSeverity;
  raised: number;
  unacknowledged: number;
}

const COLUMNS = `id, detection_id, entry_id, watchlist_id, camera_id, plate, entry_plate, match,
  reason, severity, captured_at, raised_at, acknowledged_by, acknowledged_at`;

/** All SQL of alerts (migration 1764800000001). */
@Injectable()
export class AlertsRepository {
  constructor(private readonly db: Database) {}

  /**
   * In the consumer's transaction. Returns only the alerts this call created: a pair (detection,
   * entry) already stored, e.g. by an earlier delivery of the same detection, is skipped.
   */
  async insertNew(tx: Tx, alerts: readonly NewAlert[]): Promise<AlertRow[]> {
    if (!alerts.length) return [];
    const column = <K extends keyof NewAlert>(key: K) => alerts.map((alert) => alert[key]);
    return tx.query<AlertRow>(
      `INSERT INTO analytics.alerts (detection_id, entry_id, watchlist_id, camera_id, plate,
              entry_plate, match, reason, severity, captured_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[],
              $7::text[], $8::text[], $9::text[], $10::timestamptz[])
       ON CONFLICT (detection_id, entry_id) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        column('detectionId'),
        column('entryId'),
        column('watchlistId'),
        column('cameraId'),
        column('plate'),
        column('entryPlate'),
        column('match'),
        column('reason'),
        column('severity'),
        column('capturedAt'),
      ],
    );
  }

  /** Newest first; keyset on (raised_at, id), so a page is stable while alerts keep arriving. */
  async list(filter: AlertFilter): Promise<AlertRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.cameraId !== undefined) where.push(`camera_id = ${param(filter.cameraId)}`);
    if (filter.cameraIds) where.push(`camera_id = ANY(${param(filter.cameraIds)}::int[])`);
    if (filter.severity !== undefined) where.push(`severity = ${param(filter.severity)}`);
    if (filter.acknowledged !== undefined) {
      where.push(`acknowledged_at IS ${filter.acknowledged ? 'NOT ' : ''}NULL`);
    }
    if (filter.from !== undefined) where.push(`raised_at >= ${param(filter.from)}`);
    if (filter.to !== undefined) where.push(`raised_at < ${param(filter.to)}`);
    if (filter.after) {
      where.push(
        `(raised_at, id) < (${param(filter.after.raisedAt)}::timestamptz, ${param(filter.after.id)}::uuid)`,
      );
    }
    const rows = await this.db.query<AlertRow>(
      `SELECT ${COLUMNS} FROM analytics.alerts
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY raised_at DESC, id DESC LIMIT ${param(filter.limit)}`,
      params,
    );
    return rows;
  }

  async find(id: string): Promise<AlertRow | null> {
    const sqlText = `SELECT ${COLUMNS} FROM analytics.alerts WHERE id = $1`;
    return (await this.db.query<AlertRow>(sqlText, [id]))[0] ?? null;
  }

  /** The first acknowledgement stands: acknowledging again changes nothing. Null: no such alert. */
  async acknowledge(id: string, by: string): Promise<AlertRow | null> {
    const rows = await this.db.query<AlertRow>(
      `UPDATE analytics.alerts
          SET acknowledged_by = COALESCE(acknowledged_by, $2),
              acknowledged_at = COALESCE(acknowledged_at, now())
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, by],
    );
    return rows[0] ?? null;
  }

  /**
   * Alerts raised since `since`, per severity, with how many of them are not acknowledged; only of
   * `cameraIds` when given.
   */
  countBySeveritySince(since: Date, cameraIds?: number[]): Promise<SeverityCountRow[]> {
    return this.db.query<SeverityCountRow>(
      `SELECT severity, count(*)::int AS raised,
              (count(*) FILTER (WHERE acknowledged_at IS NULL))::int AS unacknowledged
         FROM analytics.alerts
        WHERE raised_at >= $1 AND ($2::int[] IS NULL OR camera_id = ANY($2::int[]))
        GROUP BY severity`,
      [since, cameraIds ?? null],
    );
  }
}
