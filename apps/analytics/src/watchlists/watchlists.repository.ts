import { Injectable } from '@nestjs/common';
import type { AlertSeverity, WatchlistMatchMode } from '@gt-vision/shared-types';
import { Database } from '@gt-vision/backend-database';

export interface WatchlistRow {
  id: string;
  name: string;
  description: string | null;
  entry_count: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface WatchlistEntryRow {
  id: string;
  watchlist_id: string;
  plate: string;
  match: WatchlistMatchMode;
  reason: string;
  severity: AlertSeverity;
  expires_at: Date | null;
  created_by: string;
  created_at: Date;
}

export interface NewWatchlistEntry {
  plate: string;
  match: WatchlistMatchMode;
  reason: string;
  severity: AlertSeverity;
  expiresAt: string | null;
  createdBy: string;
}

const WATCHLIST_COLUMNS = `w.id, w.name, w.description, w.created_by, w.created_at, w.updated_at,
  (SELECT count(*)::int FROM analytics.watchlist_entries e WHERE e.watchlist_id = w.id) AS entry_count`;
const ENTRY_COLUMNS =
  'id, watchlist_id, plate, match, reason, severity, expires_at, created_by, created_at';

/** All SQL of watchlists and their entries (migration 1764800000000). */
@Injectable()
export class WatchlistsRepository {
  constructor(private readonly db: Database) {}

  async insert(name: string, description: string | null, createdBy: string): Promise<WatchlistRow> {
    const rows = await this.db.query<WatchlistRow>(
      `WITH w AS (
         INSERT INTO analytics.watchlists (name, description, created_by) VALUES ($1, $2, $3)
         RETURNING *)
       SELECT w.*, 0 AS entry_count FROM w`,
      [name, description, createdBy],
    );
    return rows[0];
  }

  async list(): Promise<WatchlistRow[]> {
    const sqlText = `SELECT ${WATCHLIST_COLUMNS} FROM analytics.watchlists w ORDER BY w.name, w.id`;
    return this.db.query<WatchlistRow>(sqlText);
  }

  async find(id: string): Promise<WatchlistRow | null> {
    const rows = await this.db.query<WatchlistRow>(
      `SELECT ${WATCHLIST_COLUMNS} FROM analytics.watchlists w WHERE w.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Only the fields given change (`description: null` clears it); null when there is no such watchlist. */
  async update(
    id: string,
    changes: { name?: string; description?: string | null },
  ): Promise<WatchlistRow | null> {
    const rows = await this.db.query<WatchlistRow>(
      `WITH w AS (
         UPDATE analytics.watchlists
            SET name = COALESCE($2, name),
                description = CASE WHEN $3 THEN $4 ELSE description END,
                updated_at = now()
          WHERE id = $1 RETURNING *)
       SELECT ${WATCHLIST_COLUMNS} FROM w`,
      [id, changes.name ?? null, changes.description !== undefined, changes.description ?? null],
    );
    return rows[0] ?? null;
  }

  /** Its entries go with it (ON DELETE CASCADE). */
  async remove(id: string): Promise<boolean> {
    const sqlText = 'DELETE FROM analytics.watchlists WHERE id = $1';
    return (await this.db.execute(sqlText, [id])) === 1;
  }

  /** Null when the watchlist does not exist. */
  async insertEntry(
    watchlistId: string,
    entry: NewWatchlistEntry,
  ): Promise<WatchlistEntryRow | null> {
    const rows = await this.db.query<WatchlistEntryRow>(
      `INSERT INTO analytics.watchlist_entries
              (watchlist_id, plate, match, reason, severity, expires_at, created_by)
       SELECT id, $2, $3, $4, $5, $6, $7 FROM analytics.watchlists WHERE id = $1
       RETURNING ${ENTRY_COLUMNS}`,
      [
        watchlistId,
        entry.plate,
        entry.match,
        entry.reason,
        entry.severity,
        entry.expiresAt,
        entry.createdBy,
      ],
    );
    return rows[0] ?? null;
  }

  async listEntries(watchlistId: string): Promise<WatchlistEntryRow[]> {
    const rows = await this.db.query<WatchlistEntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM analytics.watchlist_entries
        WHERE watchlist_id = $1 ORDER BY created_at, id`,
      [watchlistId],
    );
    return rows;
  }

  async removeEntry(watchlistId: string, entryId: string): Promise<boolean> {
    const count = await this.db.execute(
      'DELETE FROM analytics.watchlist_entries WHERE watchlist_id = $1 AND id = $2',
      [watchlistId, entryId],
    );
    return count === 1;
  }
}
