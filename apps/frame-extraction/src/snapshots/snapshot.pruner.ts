import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { ClientNats } from '@nestjs/microservices';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { NATS_CLIENT, natsRequest } from '@gt-vision/backend-nats';
import { Poller } from '@gt-vision/backend-poller';
import {
  CAMERA_LIST_MAX_IDS,
  DetectionRules,
  NatsSubjects,
  SNAPSHOT_DAY_PATTERN,
  type CameraListReply,
  type CameraListRequest,
} from '@gt-vision/shared-types';
import { DetectionConfig } from '../config/frame-extraction.config';

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The day directories of a camera older than its retention (days, counted from today, UTC). */
export function expiredDays(days: string[], retentionDays: number, now: Date): string[] {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString().slice(0, 10);
  return days.filter((day) => SNAPSHOT_DAY_PATTERN.test(day) && day < cutoff);
}

/**
 * Keeps snapshots as long as their camera keeps recordings (its retention in the registry), by whole
 * days. A camera the registry no longer knows keeps them for the longest a detection is accepted
 * (DetectionRules.maxAgeDays). Every replica may prune: deleting a deleted directory is harmless.
 */
@Injectable()
export class SnapshotPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SnapshotPruner');
  private readonly poller = new Poller(
    'snapshot pruning',
    PRUNE_EVERY_MS,
    () => this.run(),
    this.logger,
  );

  constructor(
    private readonly config: DetectionConfig,
    @Inject(NATS_CLIENT) private readonly client: ClientNats,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.poller.stop();
  }

  async prune(now = new Date()): Promise<number> {
    const root = this.config.SNAPSHOTS_DIR;
    const cameraDirs = (await readdir(root).catch(() => [] as string[]))
      .filter((d) => /^[1-9]\d*$/.test(d))
      .sort((a, b) => Number(a) - Number(b));
    const retention = await this.retentionOf(cameraDirs.map(Number));
    let removed = 0;
    for (const dir of cameraDirs) {
      const days = await readdir(join(root, dir)).catch(() => [] as string[]);
      const keepDays = retention.get(Number(dir)) ?? DetectionRules.maxAgeDays;
      for (const day of expiredDays(days, keepDays, now)) {
        await rm(join(root, dir, day), { recursive: true, force: true });
        removed++;
      }
    }
    return removed;
  }

  private async run(): Promise<void> {
    const removed = await this.prune();
    if (removed > 0) this.logger.log(`removed ${removed} day directories of expired snapshots`);
  }

  private async retentionOf(ids: number[]): Promise<Map<number, number>> {
    const retention = new Map<number, number>();
    for (let i = 0; i < ids.length; i += CAMERA_LIST_MAX_IDS) {
      const reply = await natsRequest<CameraListRequest, CameraListReply>(
        this.client,
        NatsSubjects.cameraList,
        { ids: ids.slice(i, i + CAMERA_LIST_MAX_IDS) },
        5000,
      );
      for (const camera of reply.cameras) retention.set(camera.id, camera.recording.retentionDays);
    }
    return retention;
  }
}
