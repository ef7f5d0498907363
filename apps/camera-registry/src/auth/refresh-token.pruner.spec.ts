import { Logger } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import {
  MAX_BATCHES_PER_PASS,
  PRUNE_BATCH_SIZE,
  PRUNED_METRIC,
  RefreshTokenPruner,
} from './refresh-token.pruner';
import type { PrunedRows, RefreshTokensRepository } from './refresh-tokens.repository';
import { RegistryAuthConfig } from './registry-auth.config';

/** Batches as the SQL would answer them, from a backlog of prunable rows. */
class FakePruning {
  calls: { now: Date; revokedBefore: Date; limit: number }[] = [];
  lockedByOther = false;
  constructor(
    public expired: number,
    public revoked: number,
  ) {}

  async pruneBatch(now: Date, revokedBefore: Date, limit: number): Promise<PrunedRows | null> {
    this.calls.push({ now, revokedBefore, limit });
    if (this.lockedByOther) return null;
    const expired = Math.min(limit, this.expired);
    const revoked = Math.min(limit, this.revoked);
    this.expired -= expired;
    this.revoked -= revoked;
    return { expired, revoked };
  }
}

describe('RefreshTokenPruner', () => {
  let registry: Registry;
  let counter: Counter<string>;
  const NOW = new Date('2026-11-25T12:00:00Z');

  const pruner = (repo: FakePruning) =>
    new RefreshTokenPruner(
      repo as unknown as RefreshTokensRepository,
      new RegistryAuthConfig(),
      counter,
    );
  const counted = async (reason: string) =>
    (await counter.get()).values.find((v) => v.labels['reason'] === reason)?.value ?? 0;

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => {
    registry = new Registry();
    counter = new Counter({
      name: PRUNED_METRIC,
      help: 'test',
      labelNames: ['reason'],
      registers: [registry],
    });
  });

  it('deletes expired tokens and those revoked more than a day ago, in bounded batches', async () => {
    const repo = new FakePruning(PRUNE_BATCH_SIZE * 2 + 3, 7);
    expect(await pruner(repo).pass(NOW)).toEqual({ expired: PRUNE_BATCH_SIZE * 2 + 3, revoked: 7 });
    expect(repo.calls).toHaveLength(3);
    expect(repo.calls[0]).toEqual({
      now: NOW,
      revokedBefore: new Date('2026-11-24T12:00:00Z'),
      limit: PRUNE_BATCH_SIZE,
    });
    expect(await counted('expired')).toBe(PRUNE_BATCH_SIZE * 2 + 3);
    expect(await counted('revoked')).toBe(7);
  });

  it('stops a pass after a bounded number of batches; the next pass continues', async () => {
    const repo = new FakePruning(PRUNE_BATCH_SIZE * (MAX_BATCHES_PER_PASS + 1), 0);
    await pruner(repo).pass(NOW);
    expect(repo.calls).toHaveLength(MAX_BATCHES_PER_PASS);
    expect(repo.expired).toBe(PRUNE_BATCH_SIZE);
  });

  it('skips the pass when another replica holds the pruning lock', async () => {
    const repo = new FakePruning(10, 10);
    repo.lockedByOther = true;
    expect(await pruner(repo).pass(NOW)).toBeNull();
    expect(repo.calls).toHaveLength(1);
    expect(await counted('expired')).toBe(0);
  });
});
