import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Audited } from '@gt-vision/backend-audit';
import { AllowRoles, CurrentPrincipal, type Principal } from '@gt-vision/backend-auth';
import { ErrorResponseDto } from '@gt-vision/backend-http';
import {
  CreateWatchlistDto,
  CreateWatchlistEntryDto,
  Roles,
  UpdateWatchlistDto,
} from '@gt-vision/shared-types';
import { UuidParam } from '../common/uuid-param';
import { WatchlistEntryResponse, WatchlistResponse } from './watchlist.responses';
import { WatchlistsService } from './watchlists.service';

const NOT_FOUND = { type: ErrorResponseDto, description: 'No such watchlist (or entry)' };

/** Operators and admins keep the watchlists; viewers may read them. */
export const WATCHLIST_WRITERS = [Roles.admin, Roles.operator];
export const WATCHLIST_READERS = [Roles.admin, Roles.operator, Roles.viewer];

@ApiTags('watchlists')
@Controller('api/watchlists')
@AllowRoles(...WATCHLIST_WRITERS)
export class WatchlistsController {
  constructor(private readonly watchlists: WatchlistsService) {}

  @Post()
  @Audited('watchlist.created', { target: 'watchlist', reason: 'watchlist-change', body: true })
  @ApiCreatedResponse({ type: WatchlistResponse })
  create(@Body() dto: CreateWatchlistDto, @CurrentPrincipal() principal: Principal) {
    return this.watchlists.create(dto, principal);
  }

  @Get()
  @AllowRoles(...WATCHLIST_READERS)
  @ApiOkResponse({ type: [WatchlistResponse] })
  list() {
    return this.watchlists.list();
  }

  @Get(':id')
  @AllowRoles(...WATCHLIST_READERS)
  @ApiOkResponse({ type: WatchlistResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@UuidParam() id: string) {
    return this.watchlists.get(id);
  }

  @Patch(':id')
  @Audited('watchlist.updated', { target: 'watchlist', reason: 'watchlist-change', body: true })
  @ApiOkResponse({ type: WatchlistResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  update(@UuidParam() id: string, @Body() dto: UpdateWatchlistDto) {
    return this.watchlists.update(id, dto);
  }

  @Delete(':id')
  @Audited('watchlist.deleted', { target: 'watchlist', reason: 'watchlist-change' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its entries; past alerts stay' })
  @ApiNotFoundResponse(NOT_FOUND)
  remove(@UuidParam() id: string) {
    return this.watchlists.remove(id);
  }

  @Post(':id/entries')
  @Audited('watchlist.entry-added', { target: 'watchlist', reason: 'watchlist-change', body: true })
  @ApiCreatedResponse({ type: WatchlistEntryResponse })
  @ApiNotFoundResponse(NOT_FOUND)
  addEntry(
    @UuidParam() id: string,
    @Body() dto: CreateWatchlistEntryDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.watchlists.addEntry(id, dto, principal);
  }

  @Get(':id/entries')
  @AllowRoles(...WATCHLIST_READERS)
  @ApiOkResponse({ type: [WatchlistEntryResponse] })
  @ApiNotFoundResponse(NOT_FOUND)
  listEntries(@UuidParam() id: string) {
    return this.watchlists.listEntries(id);
  }

  @Delete(':id/entries/:entryId')
  @Audited('watchlist.entry-removed', { target: 'watchlist', reason: 'watchlist-change' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed; past alerts stay' })
  @ApiNotFoundResponse(NOT_FOUND)
  removeEntry(@UuidParam() id: string, @UuidParam('entryId') entryId: string) {
    return this.watchlists.removeEntry(id, entryId);
  }
}
