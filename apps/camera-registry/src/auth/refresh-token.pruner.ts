import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric, makeCounterProvider } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { Poller } from '@gt-vision/backend-poller';
import { RefreshTokensRepository, type PrunedRows } from './refresh-tokens.repository';
import { RegistryAuthConfig } from './registry-auth.config';

export const PRUNED_METRIC = 'gtv_refresh_tokens_pruned_total';

export const refreshTokenPruningMetrics = [
  makeCounterProvider({
    name: PRUNED_METRIC,
    help: 'Refresh tokens deleted by the pruning job, by reason (expired, revoked).',
    labelNames: ['reason'],
  }),
];

/** Rows per statement: each batch holds its row locks for a few milliseconds only. */
export const PRUNE_BATCH_SIZE = 500;
/**
 * Batches per pass, so that a backlog (a first run on a big table) never keeps shutdown waiting for
 * long; the next pass continues where this one stopped.
 */
export const MAX_BATCHES_PER_PASS = 40;

/**
 * Deletes the expired tokens of spent sessions (no token of the family can refresh any more), and
 * revoked ones after REFRESH_TOKEN_REVOKED_RETENTION_SECONDS, every
 * REFRESH_TOKEN_PRUNE_INTERVAL_SECONDS. The used tokens of a live session stay, so replaying one
 * still revokes it. Every replica runs it; a database lock lets one prune at a time and the others
 * skip the pass.
 */
@Injectable()
export class RefreshTokenPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RefreshTokenPruner.name);
  private readonly poller: Poller;

  constructor(
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly config: RegistryAuthConfig,
    @InjectMetric(PRUNED_METRIC) private readonly pruned: Counter<string>,
  ) {
    const intervalMs = config.REFRESH_TOKEN_PRUNE_INTERVAL_SECONDS * 1000;
    this.poller = new Poller('refresh-token pruning', intervalMs, async () => {
      await this.pass();
    });
  }

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.poller.stop();
  }

  /** The rows deleted, or null when another replica was pruning. */
  async pass(now = new Date()): Promise<PrunedRows | null> {
    const retentionMs = this.config.REFRESH_TOKEN_REVOKED_RETENTION_SECONDS * 1000;
    const revokedBefore = new Date(now.getTime() - retentionMs);
    const total: PrunedRows = { expired: 0, revoked: 0 };
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
      const rows = await this.refreshTokens.pruneBatch(now, revokedBefore, PRUNE_BATCH_SIZE);
      if (!rows) {
        if (batch === 0) return null;
        break;
      }
      this.pruned.inc({ reason: 'expired' }, rows.expired);
      this.pruned.inc({ reason: 'revoked' }, rows.revoked);
      total.expired += rows.expired;
      total.revoked += rows.revoked;
      if (rows.expired < PRUNE_BATCH_SIZE && rows.revoked < PRUNE_BATCH_SIZE) break;
    }
    if (total.expired + total.revoked > 0) {
      this.logger.log(
        `pruned ${total.expired} expired and ${total.revoked} revoked refresh tokens`,
      );
    }
    return total;
  }
}
