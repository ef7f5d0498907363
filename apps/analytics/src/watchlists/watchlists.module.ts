import { Module } from '@nestjs/common';
import { MatcherModule } from '../matcher/matcher.module';
import { WatchlistsController } from './watchlists.controller';
import { WatchlistsRepository } from './watchlists.repository';
import { WatchlistsService } from './watchlists.service';

/** `/api/watchlists` and their entries. */
@Module({
  imports: [MatcherModule],
  controllers: [WatchlistsController],
  providers: [WatchlistsRepository, WatchlistsService],
})
export class WatchlistsModule {}
