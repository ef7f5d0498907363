import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@gt-vision/backend-auth';
import type {
  CreateWatchlistDto,
  CreateWatchlistEntryDto,
  UpdateWatchlistDto,
  WatchlistEntryResponseDto,
  WatchlistResponseDto,
} from '@gt-vision/shared-types';
import { WatchlistMatcher } from '../matcher/watchlist.matcher';
import { checkWatchlistEntry } from './watchlist-entry.rules';
import { mapWatchlist, mapWatchlistEntry } from './watchlist.mapper';
import { WatchlistsRepository } from './watchlists.repository';

function notFound(id: string): NotFoundException {
  return new NotFoundException(`watchlist ${id} does not exist`);
}

/**
 * Watchlists and their entries. A change to the entries reloads this replica's matcher at once;
 * the other replicas see the entries' version move on their next poll.
 */
@Injectable()
export class WatchlistsService {
  constructor(
    private readonly repository: WatchlistsRepository,
    private readonly matcher: WatchlistMatcher,
  ) {}

  async create(dto: CreateWatchlistDto, creator: Principal): Promise<WatchlistResponseDto> {
    return mapWatchlist(
      await this.repository.insert(dto.name, dto.description ?? null, creator.id),
    );
  }

  async list(): Promise<WatchlistResponseDto[]> {
    return (await this.repository.list()).map(mapWatchlist);
  }

  async get(id: string): Promise<WatchlistResponseDto> {
    const row = await this.repository.find(id);
    if (!row) throw notFound(id);
    return mapWatchlist(row);
  }

  async update(id: string, dto: UpdateWatchlistDto): Promise<WatchlistResponseDto> {
    const row = await this.repository.update(id, dto);
    if (!row) throw notFound(id);
    return mapWatchlist(row);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.repository.remove(id))) throw notFound(id);
    await this.matcher.refresh();
  }

  async addEntry(
    watchlistId: string,
    dto: CreateWatchlistEntryDto,
    creator: Principal,
  ): Promise<WatchlistEntryResponseDto> {
    checkWatchlistEntry(dto);
    const row = await this.repository.insertEntry(watchlistId, {
      plate: dto.plate,
      match: dto.match,
      reason: dto.reason,
      severity: dto.severity,
      expiresAt: dto.expiresAt ?? null,
      createdBy: creator.id,
    });
    if (!row) throw notFound(watchlistId);
    await this.matcher.refresh();
    return mapWatchlistEntry(row);
  }

  async listEntries(watchlistId: string): Promise<WatchlistEntryResponseDto[]> {
    const rows = await this.repository.listEntries(watchlistId);
    if (!rows.length && !(await this.repository.find(watchlistId))) throw notFound(watchlistId);
    return rows.map(mapWatchlistEntry);
  }

  async removeEntry(watchlistId: string, entryId: string): Promise<void> {
    if (!(await this.repository.removeEntry(watchlistId, entryId))) {
      throw new NotFoundException(`entry ${entryId} of watchlist ${watchlistId} does not exist`);
    }
    await this.matcher.refresh();
  }
}
