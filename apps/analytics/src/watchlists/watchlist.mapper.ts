import type { WatchlistEntryResponseDto, WatchlistResponseDto } from '@gt-vision/shared-types';
import type { WatchlistEntryRow, WatchlistRow } from './watchlists.repository';

export function mapWatchlist(row: WatchlistRow): WatchlistResponseDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    entryCount: row.entry_count,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function mapWatchlistEntry(row: WatchlistEntryRow): WatchlistEntryResponseDto {
  return {
    id: row.id,
    watchlistId: row.watchlist_id,
    plate: row.plate,
    match: row.match,
    reason: row.reason,
    severity: row.severity,
    expiresAt: row.expires_at?.toISOString() ?? null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}
