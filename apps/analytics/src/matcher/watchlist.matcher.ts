import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { DetectionEventV1 } from '@gt-vision/shared-types';
import type { Gauge } from 'prom-client';
import { Poller } from '@gt-vision/backend-poller';
import { WATCHLIST_ENTRIES_METRIC } from './matcher.metrics';
import { WatchlistEntriesRepository, type EntriesVersion } from './watchlist-entries.repository';
import { WatchlistIndex, type WatchlistMatch } from './watchlist-index';

/**
 * How often each replica checks the entries' version by itself; the consumer also checks before each
 * batch (`latest()`). The poll keeps an idle replica's entries and gauge current.
 */
export const WATCHLIST_POLL_MS = 1000;

/**
 * The active watchlist entries of every watchlist, in memory, so matching a detection costs no query.
 * Every analytics replica checks the entries' version (one tiny row) before each consumed batch and on
 * a poll, and reloads when it moved, so a detection consumed after a change commits meets it on every
 * replica; expiry is checked at match time, so an entry stops matching the moment it expires, without
 * a reload.
 */
@Injectable()
export class WatchlistMatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WatchlistMatcher.name);
  private readonly poller = new Poller('watchlist matcher', WATCHLIST_POLL_MS, () => this.sync());
  private index: WatchlistIndex | undefined;
  private loaded: EntriesVersion | undefined;
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly repository: WatchlistEntriesRepository,
    @InjectMetric(WATCHLIST_ENTRIES_METRIC) private readonly entriesGauge: Gauge<string>,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.poller.stop();
  }

  /**
   * Matches a detection's plate and alternatives. Loads the entries first if they never were (the
   * consumer may run before the first poll): a detection is never matched against nothing by mistake.
   */
  async match(detection: DetectionEventV1, now = Date.now()): Promise<WatchlistMatch[]> {
    return (await this.current()).match(detection, now);
  }

  async current(): Promise<WatchlistIndex> {
    if (!this.index) await this.sync();
    return this.index as WatchlistIndex;
  }

  /**
   * The entries as committed now: checks the version (one tiny row) and reloads if it moved. The
   * consumer asks once per batch, so an entry added through any replica matches every detection
   * consumed after its commit, not only those after this replica's next poll.
   */
  async latest(): Promise<WatchlistIndex> {
    await this.sync();
    return this.index as WatchlistIndex;
  }

  /** Reloads whatever the version says, now: after a change made through this replica. */
  async refresh(): Promise<void> {
    this.loaded = undefined;
    await this.sync();
  }

  /** What the poll runs: reloads when the version moved. One at a time; a caller during one waits for the next. */
  sync(): Promise<void> {
    const previous = this.syncing ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.reloadIfChanged());
    this.syncing = next.finally(() => {
      if (this.syncing === next) this.syncing = undefined;
    });
    return next;
  }

  private async reloadIfChanged(): Promise<void> {
    // Version first, entries second: a change committed in between moves the version past the one
    // recorded here, so the next poll reloads again rather than missing it.
    const version = await this.repository.version();
    if (
      this.index &&
      this.loaded?.epoch === version.epoch &&
      this.loaded.version === version.version
    ) {
      return;
    }
    const entries = await this.repository.active();
    this.index = new WatchlistIndex(entries);
    this.loaded = version;
    this.entriesGauge.set(entries.length);
    this.logger.log(
      `${entries.length} active watchlist entries loaded (version ${version.version})`,
    );
  }
}
