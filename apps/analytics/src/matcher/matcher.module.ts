import { Module } from '@nestjs/common';
import { matcherMetrics } from './matcher.metrics';
import { WatchlistEntriesRepository } from './watchlist-entries.repository';
import { WatchlistMatcher } from './watchlist.matcher';

/** The in-memory watchlist matcher, one per replica. */
@Module({
  providers: [WatchlistEntriesRepository, WatchlistMatcher, ...matcherMetrics],
  exports: [WatchlistMatcher],
})
export class MatcherModule {}
