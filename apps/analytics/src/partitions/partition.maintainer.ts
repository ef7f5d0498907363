import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Database } from '@gt-vision/backend-database';
import { partitionOf, partitionPlan } from './partition-plan';
import { PartitionsConfig } from './partitions.config';
import { PartitionsRepository } from './partitions.repository';

export interface MaintenanceResult {
  leased: boolean;
  created: string[];
  dropped: string[];
}

/**
 * Creates daily partitions ahead and drops those past retention (and the dashboard counts with them), every
 * `DETECTIONS_PARTITION_INTERVAL_MS` on every replica; a transaction-scoped advisory lock lets only
 * one of them work at a time (the others find the lease taken and skip the run). Plain PostgreSQL
 * rather than pg_partman: the extension needs a superuser to install and a background worker, for
 * two statements a day.
 */
@Injectable()
export class PartitionMaintainer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PartitionMaintainer.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private firstRunDone = false;
  private readonly firstRun: Promise<void>;
  private resolveFirstRun!: () => void;

  constructor(
    private readonly database: Database,
    private readonly partitions: PartitionsRepository,
    private readonly config: PartitionsConfig,
  ) {
    this.firstRun = new Promise((resolve) => (this.resolveFirstRun = resolve));
  }

  onApplicationBootstrap(): void {
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Resolves once today's partitions are known to exist (made here or by another replica). */
  partitionsReady(): Promise<void> {
    return this.firstRun;
  }

  async maintain(now = new Date()): Promise<MaintenanceResult> {
    return this.database.transaction(async (tx) => {
      if (!(await this.partitions.tryLease(tx))) return { leased: false, created: [], dropped: [] };
      const plan = partitionPlan(
        now,
        this.config.DETECTIONS_RETENTION_DAYS,
        this.config.DETECTIONS_PARTITIONS_AHEAD_DAYS,
        await this.partitions.list(tx),
      );
      for (const partition of plan.create) await this.partitions.create(tx, partition);
      for (const name of plan.drop) await this.partitions.drop(tx, name);
      await this.partitions.trimCounts(tx, partitionOf(plan.cutoff).from, now);
      return { leased: true, created: plan.create.map((p) => p.name), dropped: plan.drop };
    });
  }

  private tick(): void {
    this.running = this.maintain()
      .then((result) => {
        if (result.created.length || result.dropped.length) {
          this.logger.log(
            `partitions created [${result.created.join(', ')}], dropped [${result.dropped.join(', ')}]`,
          );
        }
        // Not leased: another replica holds the lease and is maintaining them right now.
        this.firstRunDone = true;
        this.resolveFirstRun();
        return result;
      })
      .catch((error: Error) => this.logger.warn(`partition maintenance failed: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        // Until a first success, retry soon: the consumer waits for the partitions.
        const delay = this.firstRunDone ? this.config.DETECTIONS_PARTITION_INTERVAL_MS : 5_000;
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), delay);
      });
  }
}
