import { Injectable } from '@nestjs/common';
import type { SystemAlertStatus } from '@gt-vision/shared-types';
import { Database } from '@gt-vision/backend-database';

export interface SystemAlertRow {
  fingerprint: string;
  name: string;
  status: SystemAlertStatus;
  severity: string;
  summary: string | null;
  description: string | null;
  labels: Record<string, string>;
  starts_at: Date;
  ends_at: Date | null;
  updated_at: Date;
}

export type NewSystemAlert = Omit<SystemAlertRow, 'updated_at'>;

const COLUMNS = `fingerprint, name, status, severity, summary, description, labels, starts_at, ends_at,
  updated_at`;

/** All SQL of system alerts (migration 1765000000000). */
@Injectable()
export class SystemAlertsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores what Alertmanager reported, one statement for the whole notification. A row already
   * resolved is not set firing again by a late, older notification: Alertmanager may deliver a
   * group's notifications out of order, and `starts_at` tells a new firing from an old one.
   * Answers the rows that changed.
   */
  async upsert(alerts: readonly NewSystemAlert[]): Promise<SystemAlertRow[]> {
    if (!alerts.length) return [];
    return this.db.query<SystemAlertRow>(
      `INSERT INTO analytics.system_alerts AS a
         (fingerprint, name, status, severity, summary, description, labels, starts_at, ends_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
         fingerprint text, name text, status text, severity text, summary text, description text,
         labels jsonb, starts_at timestamptz, ends_at timestamptz)
       ON CONFLICT (fingerprint) DO UPDATE SET
         name = EXCLUDED.name, status = EXCLUDED.status, severity = EXCLUDED.severity,
         summary = EXCLUDED.summary, description = EXCLUDED.description, labels = EXCLUDED.labels,
         starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, updated_at = clock_timestamp()
       WHERE (a.status, a.starts_at, a.ends_at) IS DISTINCT FROM
             (EXCLUDED.status, EXCLUDED.starts_at, EXCLUDED.ends_at)
         AND NOT (a.status = 'resolved' AND EXCLUDED.status = 'firing'
                  AND EXCLUDED.starts_at <= a.starts_at)
       RETURNING ${COLUMNS}`,
      [JSON.stringify(alerts)],
    );
  }

  /** Firing ones first (critical before warning), then the newest resolved ones. */
  list(limit: number, status?: SystemAlertStatus): Promise<SystemAlertRow[]> {
    return this.db.query<SystemAlertRow>(
      `SELECT ${COLUMNS} FROM analytics.system_alerts
        WHERE $2::text IS NULL OR status = $2
        ORDER BY status = 'firing' DESC, severity = 'critical' DESC, updated_at DESC, fingerprint
        LIMIT $1`,
      [limit, status ?? null],
    );
  }

  /** Resolved alerts older than the retention are forgotten; firing ones never are. */
  pruneResolved(olderThanDays: number): Promise<number> {
    return this.db.execute(
      `DELETE FROM analytics.system_alerts
        WHERE status = 'resolved' AND updated_at < clock_timestamp() - make_interval(days => $1)`,
      [olderThanDays],
    );
  }
}
