import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal, type Principal } from '@gt-vision/backend-auth';
import {
  CreateWatchlistDto,
  CreateWatchlistEntryDto,
  Roles,
  UpdateWatchlistDto,
} from '@gt-vision/shared-types';
import { UuidParam } from '../common/uuid-param';
import { WatchlistsService } from './watchlists.service';

/** Operators and admins keep the watchlists; viewers may read them. */
export const WATCHLIST_WRITERS = [Roles.admin, Roles.operator];
export const WATCHLIST_READERS = [Roles.admin, Roles.operator, Roles.viewer];

@ApiTags('watchlists')
@Controller('api/watchlists')
@AllowRoles(...WATCHLIST_WRITERS)
export class WatchlistsController {
  constructor(private readonly watchlists: WatchlistsService) {}

  @Post()
  create(@Body() dto: CreateWatchlistDto, @CurrentPrincipal() principal: Principal) {
    return this.watchlists.create(dto, principal);
  }

  @Get()
  @AllowRoles(...WATCHLIST_READERS)
  list() {
    return this.watchlists.list();
  }

  @Get(':id')
  @AllowRoles(...WATCHLIST_READERS)
  get(@UuidParam() id: string) {
    return this.watchlists.get(id);
  }

  @Patch(':id')
  update(@UuidParam() id: string, @Body() dto: UpdateWatchlistDto) {
    return this.watchlists.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@UuidParam() id: string) {
    return this.watchlists.remove(id);
  }

  @Post(':id/entries')
  addEntry(
    @UuidParam() id: string,
    @Body() dto: CreateWatchlistEntryDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.watchlists.addEntry(id, dto, principal);
  }

  @Get(':id/entries')
  @AllowRoles(...WATCHLIST_READERS)
  listEntries(@UuidParam() id: string) {
    return this.watchlists.listEntries(id);
  }

  @Delete(':id/entries/:entryId')
  @HttpCode(204)
  removeEntry(@UuidParam() id: string, @UuidParam('entryId') entryId: string) {
    return this.watchlists.removeEntry(id, entryId);
  }
}
