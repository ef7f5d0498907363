import { Injectable } from '@nestjs/common';
import { Database } from '@gt-vision/backend-database';
import type { ActiveEntry } from './watchlist-index';

/** Identifies one state of the entries: moves with every committed change (a trigger bumps it). */
export interface EntriesVersion {
  epoch: string;
  version: string;
}

interface EntryRow {
  id: string;
  watchlist_id: string;
  plate: string;
  match: ActiveEntry['match'];
  reason: string;
  severity: ActiveEntry['severity'];
  expires_at: Date | null;
}

/** The matcher's reads: the entries' version, and the entries not yet expired. */
@Injectable()
export class WatchlistEntriesRepository {
  constructor(private readonly db: Database) {}

  async version(): Promise<EntriesVersion> {
    const rows = await this.db.query<EntriesVersion>(
      'SELECT epoch::text, version::text FROM analytics.watchlist_entries_version',
    );
    return rows[0];
  }

  async active(): Promise<ActiveEntry[]> {
    const rows = await this.db.query<EntryRow>(
      `SELECT id, watchlist_id, plate, match, reason, severity, expires_at
         FROM analytics.watchlist_entries
        WHERE expires_at IS NULL OR expires_at > now()`,
    );
    return rows.map((row) => ({
      id: row.id,
      watchlistId: row.watchlist_id,
      plate: row.plate,
      match: row.match,
      reason: row.reason,
      severity: row.severity,
      expiresAt: row.expires_at?.getTime() ?? null,
    }));
  }
}
